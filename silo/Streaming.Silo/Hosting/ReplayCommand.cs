using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// <c>Streaming.Silo replay ...</c>: exports a time range from the archive without starting the Orleans host, so it
/// works whether or not the platform is running. <c>--sandbox</c> and <c>replay diff</c> instead ask the running silo
/// (<see cref="SandboxClient"/>), since a sandbox's windows live in its grains. Reads the same configuration as the silo (appsettings.json beside the
/// binaries, then environment variables). Exit code 0 on success, 1 on bad arguments or a failed export.
/// </summary>
public static class ReplayCommand
{
    /// <summary>Runs the command with the arguments after <c>replay</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var config = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
        if (args is ["diff", .. var rest])
        {
            return await SandboxClient.DiffAsync(rest, config);
        }
        if (ReplayArguments.Parse(args, out var error) is not { } parsed)
        {
            await Console.Error.WriteLineAsync($"replay: {error}\n{ReplayArguments.Usage}");
            return 1;
        }
        var folder = parsed.Archive
            ?? config.GetSection(ReplayOptions.Section).Get<ReplayOptions>()?.ArchiveFolder ?? ReplayOptions.DefaultFolder;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        if (parsed.Sandbox is not null)
        {
            return await SandboxClient.RunAsync(parsed, config, cancel.Token);
        }
        try
        {
            var settings = Settings(config);
            KafkaReplaySource? kafka = null;
            Func<IReplaySource> source = parsed.Kafka is { } bootstrap
                ? () => kafka = KafkaReplaySetup.Source(bootstrap, parsed.Topic, config)
                : () => new ArchiveReader(folder);
            var from = parsed.Kafka is null ? Path.GetFullPath(folder) : $"Kafka {parsed.Kafka} topic {parsed.Topic}";
            await Console.Out.WriteLineAsync($"replay: {parsed.Plan.From:O} to {parsed.Plan.To:O} from {from} into {parsed.Out}");
            await using var writer = ReplayWriters.Create(parsed.Format, new FileStream(parsed.Out!, FileMode.Create, FileAccess.ReadWrite));
            var result = await new ReplayExporter(source, settings, TimeProvider.System)
                .ExportAsync(parsed.Plan, writer, new ReplayConsoleProgress(Console.Out), cancel.Token);
            foreach (var line in kafka is null ? Enumerable.Empty<string>() : KafkaReplaySetup.Describe(parsed.Topic, kafka.Seeks))
            {
                await Console.Out.WriteLineAsync(line);
            }
            if (result.SkippedLines > 0)
            {
                await Console.Error.WriteLineAsync($"replay: {result.SkippedLines} archive lines or Kafka messages could not be read and were skipped");
            }
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException or InvalidDataException
            or Confluent.Kafka.KafkaException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"replay: failed: {ex.Message}");
            return 1;
        }
    }

    private static ReplaySettings Settings(IConfiguration config)
    {
        var windows = config.GetSection(WindowOptions.Section).Get<WindowOptions>() ?? new WindowOptions();
        // As in the silo: configured sizes replace the defaults rather than adding to them.
        if (config.GetSection(WindowOptions.Section + ":" + nameof(WindowOptions.Sizes)).Get<TimeSpan[]>() is { Length: > 0 } sizes)
        {
            windows.Sizes = sizes;
        }
        var placesOptions = config.GetSection(PlacesOptions.Section).Get<PlacesOptions>() ?? new PlacesOptions();
        var places = new OpenDataPlaceRegistry(Options.Create(placesOptions), NullLogger<OpenDataPlaceRegistry>.Instance);
        return ReplaySetup.Settings(config.GetSection(CleaningOptions.Section).Get<CleaningOptions>() ?? new CleaningOptions(), windows,
            config.GetSection(LinkingOptions.Section).Get<LinkingOptions>() ?? new LinkingOptions(), places);
    }
}
