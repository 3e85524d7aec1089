using Microsoft.Playwright;

namespace Streaming.EndToEnd.Tests;

/// <summary>The page in Debian's Chromium, driven by Playwright: sign in, send readings, see them on screen.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static readonly LocatorAssertionsToHaveAttributeOptions Within = new() { Timeout = 20_000 };

    private DashboardSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DashboardSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Dashboard_SignedInViewerSendsReadings_ChartsAndNumbersShowThem()
    {
        if (!File.Exists("/usr/bin/chromium"))
        {
            Assert.Fail("Debian's Chromium is missing: apt-get install chromium fonts-dejavu-core (scripts/test.sh does).");
        }
        using var playwright = await Playwright.CreateAsync();
        // A fresh profile each launch (no persistent context): nothing carries over between runs.
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, TimezoneId = "Europe/London" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(_silo.BaseAddress, "/").ToString());
        await page.GetByLabel("User name").FillAsync(DashboardSilo.Viewer);
        await page.GetByLabel("Password").FillAsync(DashboardSilo.ViewerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("Signed in as viewer (viewer)", new() { Timeout = 20_000 });

        // Four minutes of readings from one sensor: the newest minute's window holds three.
        var minute = DashboardSilo.RecentMinute();
        for (var m = 3; m >= 1; m--)
        {
            await _silo.PostPm25Async("aq-dash-browser", minute.AddMinutes(-m), 8 + m, 12 + m);
        }
        await _silo.PostPm25Async("aq-dash-browser", minute, 10, 14, 30);

        var chart = page.Locator("#system-charts figure[data-series='sensor/pm25']");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-start", minute.ToString("yyyy-MM-ddTHH:mm:ss+00:00", System.Globalization.CultureInfo.InvariantCulture), Within);
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-count", "3", Within);
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-final", "false", Within);
        await Assertions.Expect(chart.Locator(".badge.provisional")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".kind[data-kind='sensor']")).ToHaveAttributeAsync("data-total", "9", Within);
        // The areas table counts each area's last full window (event time has passed it): the minute before, with two.
        await Assertions.Expect(page.Locator("#areas tr[data-area='unassigned']")).ToHaveAttributeAsync("data-readings", "2", Within);

        // Drill down with the keyboard: the area's own chart shows the same window.
        await page.GetByRole(AriaRole.Button, new() { Name = "unassigned" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var areaChart = page.Locator("#area-charts figure[data-series='sensor/pm25']");
        await Assertions.Expect(areaChart).ToHaveAttributeAsync("data-count", "3", Within);

        // A reading out of physical range is refused: it shows among the dead letters of the last minute.
        await _silo.PostPm25Async("aq-dash-browser", minute.AddSeconds(10), -5);
        await Assertions.Expect(page.Locator("#dead-letters tr[data-reason='OutOfRange']")).ToHaveAttributeAsync("data-last-minute", "1", Within);

        // A photo and two posts: the thumbnail loads for the signed-in page, and #nhs trends.
        await _silo.PostPhotoAsync("cam-dash", "go-exif__gps.jpg");
        await _silo.PostPostsAsync(minute, ("ann", "Busy clinic #NHS"), ("ben", "#nhs #flu"));
        await Assertions.Expect(page.Locator("#images figure[data-entity='source:cam-dash'] img")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#images img'); return i && i.complete && i.naturalWidth === 256; }",
            null, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#trending li").First).ToHaveAttributeAsync("data-term", "nhs", Within);

        var shot = Path.Combine(RepositoryRoot.Find(), "artifacts", "test-results", "dashboard", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
    }
}
