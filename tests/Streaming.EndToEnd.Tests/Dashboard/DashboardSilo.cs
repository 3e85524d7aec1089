using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>A silo with two configured dashboard users (a viewer and an operator), and helpers to sign in and send readings.</summary>
internal sealed class DashboardSilo : IAsyncDisposable
{
    public const string Viewer = "viewer", ViewerPassword = "viewer-password-1", Operator = "operator", OperatorPassword = "operator-password-1";

    private DashboardSilo(SiloProcess silo) => Silo = silo;

    public SiloProcess Silo { get; }

    public Uri BaseAddress => Silo.Http.BaseAddress!;

    public static async Task<DashboardSilo> StartAsync(IReadOnlyDictionary<string, string>? extra = null) =>
        new(await SiloProcess.StartAsync(Settings(extra)));

    /// <summary>
    /// The separately hosted dashboard (an Orleans client) with the same users, joined to the cluster that
    /// <paramref name="cluster"/> names (<c>Orleans:GatewayPort</c> of an embedded silo, or a PostgreSQL cluster's settings).
    /// Its <see cref="PostPm25Async"/> and the like have no ingest: post to a silo.
    /// </summary>
    public static async Task<DashboardSilo> StartHostAsync(IReadOnlyDictionary<string, string> cluster) =>
        new(await SiloProcess.StartAsync(Settings(cluster), "Streaming.Dashboard.Host"));

    private static Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? extra)
    {
        return new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["Dashboard:Users:0:Name"] = Viewer,
            ["Dashboard:Users:0:PasswordHash"] = DeviceSecret.Hash(ViewerPassword),
            ["Dashboard:Users:0:Role"] = "viewer",
            ["Dashboard:Users:1:Name"] = Operator,
            ["Dashboard:Users:1:PasswordHash"] = DeviceSecret.Hash(OperatorPassword),
            ["Dashboard:Users:1:Role"] = "operator",
            ["Identifiers:Key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("dashboard-test-key-0123456789")),
        };
    }

    /// <summary>Signs in through the form and returns the cookies (the sign-in cookie among them).</summary>
    public async Task<CookieContainer> SignInAsync(string user, string password)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = BaseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password });
        using var response = await http.PostAsync("/account/login", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.NotEmpty(cookies.GetCookies(BaseAddress));
        return cookies;
    }

    /// <summary>An HTTP client that sends <paramref name="cookies"/> (a signed-in user's) and does not follow redirects.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>Posts pm25 readings for <paramref name="source"/>, one event per value, a second apart from <paramref name="start"/>.</summary>
    public async Task PostPm25Async(string source, DateTimeOffset start, params double[] values)
    {
        var events = values.Select((v, i) => FormattableString.Invariant(
            $"{{\"source\":\"{source}\",\"time\":\"{start.AddSeconds(i).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"readings\":{{\"pm25\":{v}}}}}"));
        using var response = await Silo.Http.PostAsync("/api/ingest", new StringContent($"[{string.Join(',', events)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Uploads one of the repository's test photos as <paramref name="source"/>.</summary>
    public async Task PostPhotoAsync(string source, string name)
    {
        using var photo = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Find(), "data", "images", "exif-gps", name)));
        photo.Headers.ContentType = new("image/jpeg");
        using var response = await Silo.Http.PostAsync($"/api/ingest/media?source={source}", photo);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Posts short posts from the source <c>feed</c>, all at <paramref name="time"/>.</summary>
    public async Task PostPostsAsync(DateTimeOffset time, params (string Author, string Text)[] posts)
    {
        var items = posts.Select((p, i) => JsonSerializer.Serialize(new
        {
            id = $"post-{time.UtcTicks}-{i}", source = "feed", time = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            author = p.Author, text = p.Text,
        }));
        using var response = await Silo.Http.PostAsync("/api/ingest/social", new StringContent($"[{string.Join(',', items)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Registers a source at a place and answers the place's area.</summary>
    public async Task<string> LinkAsync(string source, string place)
    {
        using var response = await Silo.Http.PutAsJsonAsync($"/api/sources/{source}/link", new { place });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Silo.Http.GetFromJsonAsync<JsonElement>($"/api/places/{place}")).GetProperty("area").GetString()!;
    }

    /// <summary>The start of a minute at least 15 s in the past, in UTC: readings in its first seconds share a 1-minute window and are not in the future.</summary>
    public static DateTimeOffset RecentMinute()
    {
        var now = DateTimeOffset.UtcNow.AddSeconds(-15);
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    public ValueTask DisposeAsync() => Silo.DisposeAsync();
}
