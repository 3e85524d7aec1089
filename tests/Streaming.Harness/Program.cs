using Streaming.Harness;

// The end-to-end benchmark harness. scripts/bench.sh builds it and the silo, runs one scenario, and appends the
// FIGURES and NOTES lines below as a row of docs/benchmarks.md. Progress goes to stderr.
Settings settings;
try
{
    settings = Settings.Parse(args);
    if (settings.Scenario != "transport-mqtt" && !File.Exists(settings.SiloDll))
    {
        throw new ArgumentException($"--silo must name the built Streaming.Silo.dll (got '{settings.SiloDll}')");
    }
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine($"scenarios: {string.Join(", ", Scenarios.Names)}");
    return 2;
}

var outcome = await Scenarios.RunAsync(settings);
Console.WriteLine($"FIGURES: {outcome.Figures}");
Console.WriteLine($"NOTES: {outcome.Notes}");
return 0;
