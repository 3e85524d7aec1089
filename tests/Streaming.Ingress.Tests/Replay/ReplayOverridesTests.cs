using Streaming.Domain;

namespace Streaming.Ingress.Tests;

[Trait("Category", "Ingress")]
public sealed class ReplayOverridesTests
{
    private static ReplaySettings Settings() =>
        new(new CleaningOptions(), new WindowOptions(), new PlaceIndex([]), new Dictionary<string, EntityKey>(), 250);

    [Fact]
    public void Apply_LimitMaxAlone_KeepsTheMetricsOtherDefaults()
    {
        var settings = Settings();

        var changed = ReplayOverrides.Apply(settings, new Dictionary<string, string> { ["Cleaning:Limits:PM2.5:Max"] = "50" }, out var error);

        Assert.Null(error);
        Assert.Equal(MetricCatalog.DefaultLimits["pm25"] with { Max = 50 }, changed!.Cleaning.LimitsFor("pm25"));
        Assert.Equal(MetricCatalog.DefaultLimits["pm25"], settings.Cleaning.LimitsFor("pm25"));
        Assert.Empty(settings.Cleaning.Limits);
    }

    [Fact]
    public void Apply_ScalarSettings_ChangedOnACopyOnly()
    {
        var settings = Settings();

        var changed = ReplayOverrides.Apply(settings, new Dictionary<string, string>
        {
            ["windows:allowedlateness"] = "00:10:00", ["Windows:RetainWindows"] = "500", ["Cleaning:DedupeHorizon"] = "00:20:00",
            ["Cleaning:MaxDedupeEntries"] = "10", ["Linking:MaxDistanceMetres"] = "100", ["Cleaning:Limits:no2:SpikeDelta"] = "none",
        }, out _)!;

        Assert.Equal((TimeSpan.FromMinutes(10), 500), (changed.Windows.AllowedLateness, changed.Windows.RetainWindows));
        Assert.Equal((TimeSpan.FromMinutes(20), 10, 100.0), (changed.Cleaning.DedupeHorizon, changed.Cleaning.MaxDedupeEntries, changed.MaxDistanceMetres));
        Assert.Null(changed.Cleaning.LimitsFor("no2")!.SpikeDelta);
        Assert.Equal(changed.Windows.Sizes, settings.Windows.Sizes);
        Assert.Equal((TimeSpan.FromMinutes(5), 250.0), (settings.Windows.AllowedLateness, settings.MaxDistanceMetres));
    }

    [Theory]
    [InlineData("Windows:Sizes:0", "00:30:00", "cannot be overridden")]
    [InlineData("Cleaning:Limits:pm25:Colour", "red", "cannot be overridden")]
    [InlineData("Cleaning:Limits:pm25:Max", "lots", "not valid")]
    [InlineData("Cleaning:Limits:pm25:Max", "-5", "Min ≤ Max")]
    [InlineData("Cleaning:Limits:radon:Max", "5", "CanonicalUnit")]
    [InlineData("Windows:AllowedLateness", "soon", "not valid")]
    public void Apply_UnknownOrBadSetting_NullWithTheReason(string key, string value, string reason)
    {
        var changed = ReplayOverrides.Apply(Settings(), new Dictionary<string, string> { [key] = value }, out var error);

        Assert.Null(changed);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NewMetricWithAllThree_Accepted()
    {
        var changed = ReplayOverrides.Apply(Settings(), new Dictionary<string, string>
        {
            ["Cleaning:Limits:radon:Min"] = "0", ["Cleaning:Limits:radon:Max"] = "400", ["Cleaning:Limits:radon:CanonicalUnit"] = "Bq/m3",
        }, out _);

        Assert.Equal(new MetricLimits(0, 400, "Bq/m3"), changed!.Cleaning.LimitsFor("radon"));
    }
}
