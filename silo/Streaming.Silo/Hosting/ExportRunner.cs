using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// The work of an export run started by <c>POST /api/replay/exports</c> (in the background through <see cref="ReplayRuns"/>,
/// like a sandbox run): exports the range with the silo's settings into a temporary file kept on the run, reporting
/// progress to it. A run cancelled or failed deletes its partial file.
/// </summary>
public sealed class ExportRunner(
    IOptions<ReplayOptions> replay, IOptions<CleaningOptions> cleaning, IOptions<WindowOptions> windows,
    IOptions<LinkingOptions> linking, IPlaceRegistry places, TimeProvider time, ILogger<ExportRunner> logger)
{
    /// <summary>Exports <paramref name="plan"/> as <paramref name="format"/> for <paramref name="run"/>, at most <paramref name="maxEventsPerSecond"/>.</summary>
    public async Task RunAsync(ReplayRun run, ReplayPlan plan, ReplayFormat format, double? maxEventsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = Path.Combine(Path.GetTempPath(), $"replay-{run.Id}");
        run.Attach(new ExportFile(path, ReplayWriters.ContentType(format), "replay" + ReplayEndpoints.Extension(format)));
        var settings = ReplaySetup.Settings(cleaning.Value, windows.Value, linking.Value, places);
        var started = time.GetTimestamp();
        try
        {
            ReplayResult result;
            await using (var writer = ReplayWriters.Create(format, new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite)))
            {
                result = await new ReplayExporter(replay.Value.ArchiveFolder, settings, time) { MaxEventsPerSecond = maxEventsPerSecond }
                    .ExportAsync(plan, writer, run, run.Token);
            }
            ReplayEndpoints.Log(logger, plan, result, time.GetElapsedTime(started));
        }
        catch
        {
            // The run ends cancelled or failed (ReplayRuns records which); its partial file goes now.
            run.DeleteFile();
            throw;
        }
    }
}
