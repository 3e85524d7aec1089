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

    public async Task InitializeAsync() => _silo = await DashboardSilo.StartAsync(new Dictionary<string, string>
    {
        ["Dashboard:SilentAfter"] = "00:00:05",
        ["Alerts:Rules:0:Metric"] = "pm25", ["Alerts:Rules:0:Above"] = "25", ["Alerts:Rules:0:Window"] = "1m",
    });

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
        var page = await SignInAsync(context, DashboardSilo.Viewer, DashboardSilo.ViewerPassword);

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
        await Assertions.Expect(page.Locator(".kind[data-kind='sensor'] .latency")).ToContainTextAsync("Ingest to screen: half within", new() { Timeout = 20_000 });
        var source = page.Locator("#sources tr[data-source='aq-dash-browser']");
        await Assertions.Expect(source).ToHaveAttributeAsync("data-last-hour", "9", Within);
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

        // The sensor has stopped sending: after Dashboard:SilentAfter (5 s here) it is listed as silent, not hidden.
        await Assertions.Expect(source).ToHaveAttributeAsync("data-state", "silent", Within);
        await Assertions.Expect(source).ToContainTextAsync("Silent for");

        // A hotter sensor: its minute before averages 45, above the rule's 25. The alert shows at once; it tops pm25's entities.
        await _silo.PostPm25Async("aq-dash-hot", minute.AddMinutes(-1), 40, 50);
        await _silo.PostPm25Async("aq-dash-hot", minute.AddSeconds(20), 20);
        var alert = page.Locator("#alerts tr[data-entity='source:aq-dash-hot']");
        await Assertions.Expect(alert).ToHaveAttributeAsync("data-acknowledged", "false", Within);
        await Assertions.Expect(alert.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#alerts-news")).ToContainTextAsync("New alert at source:aq-dash-hot");
        await page.Locator("#top-metric").SelectOptionAsync("sensor/pm25");
        await Assertions.Expect(page.Locator("#top tbody tr").First).ToHaveAttributeAsync("data-entity", "source:aq-dash-hot", Within);
        await Assertions.Expect(page.Locator("#top tbody tr").First).ToHaveAttributeAsync("data-mean", "45", Within);

        // Drill down into the entity with the keyboard: its own chart and latest reading.
        await page.GetByRole(AriaRole.Button, new() { Name = "source:aq-dash-hot", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#entity-charts figure[data-series='sensor/pm25']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#entity-readings tr[data-metric='pm25']")).ToHaveAttributeAsync("data-value", "20", Within);
        await Assertions.Expect(page.Locator("#area-section")).ToBeHiddenAsync();

        // An operator, in another browser context, acknowledges the alert from the keyboard and resubmits a refused item.
        var operatorContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, TimezoneId = "Europe/London" });
        var operatorPage = await SignInAsync(operatorContext, DashboardSilo.Operator, DashboardSilo.OperatorPassword);
        var acknowledge = operatorPage.Locator("#alerts tr[data-entity='source:aq-dash-hot']").GetByRole(AriaRole.Button, new() { Name = "Acknowledge" });
        await acknowledge.FocusAsync(new() { Timeout = 20_000 });
        await operatorPage.Keyboard.PressAsync("Enter");
        await Assertions.Expect(alert).ToHaveAttributeAsync("data-acknowledged", "true", Within);
        await Assertions.Expect(alert).ToContainTextAsync("By operator");
        await Assertions.Expect(page.Locator("#recent-dead tbody tr").First).ToContainTextAsync("Operators can resubmit", new() { Timeout = 20_000 });
        await operatorPage.Locator("#recent-dead tbody tr").First.GetByRole(AriaRole.Button, new() { Name = "Resubmit" }).ClickAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(operatorPage.Locator("#resubmit-status")).ToContainTextAsync("Resubmitted, and refused again (OutOfRange)", new() { Timeout = 20_000 });

        var shot = Path.Combine(RepositoryRoot.Find(), "artifacts", "test-results", "dashboard", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
    }

    [Fact]
    public async Task Dashboard_OperatorWhoseAccountAnswersAfterTheSnapshot_StillGetsAcknowledge()
    {
        // The page asks who its user is and joins the hub at the same time; on a busy machine the hub's snapshot (with the
        // alerts) can come first. Held here until the alert is on screen, so the order is certain.
        var minute = DashboardSilo.RecentMinute();
        await _silo.PostPm25Async("aq-late-role", minute.AddMinutes(-1), 40, 50);
        await _silo.PostPm25Async("aq-late-role", minute.AddSeconds(20), 20);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, TimezoneId = "Europe/London" });
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await context.RouteAsync("**/account/me", async route =>
        {
            await answer.Task;
            await route.ContinueAsync();
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_silo.BaseAddress, "/").ToString());
        await page.GetByLabel("User name").FillAsync(DashboardSilo.Operator);
        await page.GetByLabel("Password").FillAsync(DashboardSilo.OperatorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var alert = page.Locator("#alerts tr[data-entity='source:aq-late-role']");
        await Assertions.Expect(alert).ToContainTextAsync("Not yet (operators acknowledge)", new() { Timeout = 20_000 });
        answer.SetResult();
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync($"Signed in as {DashboardSilo.Operator} (operator)", new() { Timeout = 20_000 });
        await Assertions.Expect(alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string user, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_silo.BaseAddress, "/").ToString());
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync($"Signed in as {user} ({(user == DashboardSilo.Operator ? "operator" : "viewer")})",
            new() { Timeout = 20_000 });
        return page;
    }
}
