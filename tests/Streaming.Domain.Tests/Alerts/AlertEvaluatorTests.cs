namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class AlertEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly SeriesKey Pm25 = new(EventKind.Sensor, "pm25");
    private static readonly AlertRule High = new("pm25 above 35", "pm25", Minute, Above: 35, Below: null);

    [Fact]
    public void Evaluate_MeanAboveThreshold_FiresWithWindowAndThreshold()
    {
        var evaluator = new AlertEvaluator([High]);

        var alert = Assert.Single(evaluator.Evaluate("source:aq-1", [Window(Pm25, 0, mean: 40, count: 3)], T0.AddMinutes(2)));

        Assert.Equal(("pm25 above 35", "source:aq-1", Pm25, T0, 40.0, 3L, 35.0, true, false),
            (alert.Rule, alert.Entity, alert.Series, alert.Start, alert.Mean, alert.Count, alert.Threshold, alert.IsAbove, alert.Final));
        Assert.Equal(T0.AddMinutes(2), alert.FiredAt);
    }

    [Fact]
    public void Evaluate_MeanAtOrBelowThreshold_NothingFires()
    {
        var evaluator = new AlertEvaluator([High]);

        Assert.Empty(evaluator.Evaluate("source:aq-1", [Window(Pm25, 0, mean: 35, count: 3), Window(Pm25, 1, mean: 10, count: 1)], T0));
    }

    [Fact]
    public void Evaluate_SameWindowRevisedOrFinal_FiresOnce()
    {
        var evaluator = new AlertEvaluator([High]);

        Assert.Single(evaluator.Evaluate("source:aq-1", [Window(Pm25, 0, mean: 40, count: 3)], T0));
        Assert.Empty(evaluator.Evaluate("source:aq-1", [Window(Pm25, 0, mean: 42, count: 4, revision: 2)], T0));
        Assert.Empty(evaluator.Evaluate("source:aq-1", [Window(Pm25, 0, mean: 42, count: 4, revision: 3, final: true)], T0));
    }

    [Fact]
    public void Evaluate_OtherEntityOrNextWindow_FiresAgain()
    {
        var evaluator = new AlertEvaluator([High]);

        Assert.Single(evaluator.Evaluate("source:aq-1", [Window(Pm25, 0, mean: 40, count: 3)], T0));
        Assert.Single(evaluator.Evaluate("source:aq-2", [Window(Pm25, 0, mean: 40, count: 3)], T0));
        Assert.Single(evaluator.Evaluate("source:aq-1", [Window(Pm25, 1, mean: 40, count: 3)], T0));
    }

    [Fact]
    public void Evaluate_OtherSizeKindOrMetric_NotCovered()
    {
        var socialOnly = High with { Name = "social pm25", Kind = EventKind.Social };
        var evaluator = new AlertEvaluator([High, socialOnly]);

        var hour = Window(Pm25, 0, mean: 99, count: 3) with { Size = TimeSpan.FromHours(1) };
        Assert.Empty(evaluator.Evaluate("source:aq-1", [hour, Window(new SeriesKey(EventKind.Sensor, "no2"), 0, mean: 99, count: 3)], T0));
        var fired = Assert.Single(evaluator.Evaluate("source:aq-1", [Window(Pm25, 0, mean: 99, count: 3)], T0));
        Assert.Equal("pm25 above 35", fired.Rule);
    }

    [Fact]
    public void Evaluate_BelowRuleAndEmptyWindow_FiresOnlyForReadings()
    {
        var cold = new AlertRule("too cold", "temperature", Minute, Above: null, Below: 5);
        var temperature = new SeriesKey(EventKind.Sensor, "temperature");
        var evaluator = new AlertEvaluator([cold]);

        Assert.Empty(evaluator.Evaluate("place:ods:L85001", [Window(temperature, 0, mean: double.NaN, count: 0)], T0));
        var alert = Assert.Single(evaluator.Evaluate("place:ods:L85001", [Window(temperature, 1, mean: 2, count: 5)], T0));
        Assert.Equal((5.0, false), (alert.Threshold, alert.IsAbove));
    }

    [Fact]
    public void Evaluate_PastMemoryBound_ForgetsOldestWindowsFirst()
    {
        var evaluator = new AlertEvaluator([High], maxRemembered: 2);

        foreach (var minute in new[] { 2, 0, 1 })
        {
            Assert.Single(evaluator.Evaluate("source:aq-1", [Window(Pm25, minute, mean: 40, count: 1)], T0));
        }

        Assert.Equal(2, evaluator.Remembered);
        Assert.Empty(evaluator.Evaluate("source:aq-1", [Window(Pm25, 2, mean: 40, count: 1)], T0));
        Assert.Single(evaluator.Evaluate("source:aq-1", [Window(Pm25, 0, mean: 40, count: 1)], T0));
    }

    [Fact]
    public void Evaluate_SameInputs_SameAlerts()
    {
        IReadOnlyList<Alert> Run()
        {
            var evaluator = new AlertEvaluator([High]);
            return [.. Enumerable.Range(0, 20).SelectMany(i => evaluator.Evaluate($"source:s{i % 3}", [Window(Pm25, i % 5, mean: 30 + i, count: i + 1)], T0))];
        }

        Assert.Equal(Run(), Run());
    }

    private static WindowResult Window(SeriesKey series, int minute, double mean, long count, int revision = 1, bool final = false) =>
        new(series, Minute, T0.AddMinutes(minute), T0.AddMinutes(minute + 1),
            new WindowAggregate(count, mean * count, mean, mean, mean, 0, mean, mean, mean), revision, final);
}
