using System.Net;

namespace Streaming.EndToEnd.Tests;

/// <summary>Password guessing is throttled per user name: after five failures even the right password waits.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DashboardSignInTests : IAsyncLifetime
{
    private DashboardSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DashboardSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private async Task<HttpResponseMessage> SignIn(string user, string password)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = _silo.BaseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password });
        return await http.PostAsync("/account/login", form);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_ThenEvenTheRightOneWaits_OtherUsersUnaffected()
    {
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignIn(DashboardSilo.Viewer, "guess-" + i);
            Assert.Equal("/login.html?failed=1", wrong.Headers.Location?.OriginalString);
        }

        using var throttled = await SignIn(DashboardSilo.Viewer, DashboardSilo.ViewerPassword);
        Assert.Equal(HttpStatusCode.Redirect, throttled.StatusCode);
        Assert.StartsWith("/login.html?throttled=", throttled.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.NotNull(throttled.Headers.RetryAfter);

        using var other = await SignIn(DashboardSilo.Operator, DashboardSilo.OperatorPassword);
        Assert.Equal("/", other.Headers.Location?.OriginalString);
    }
}
