namespace Streaming.Ingress;

/// <summary>History and replay, bound from <c>Replay</c>.</summary>
public sealed class ReplayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Replay";

    /// <summary>Whether accepted events are archived. Default true; <c>Replay:Archive=false</c> turns history off.</summary>
    public bool Archive { get; set; } = true;

    /// <summary>
    /// The archive's folder: <c>{folder}/{yyyy-MM-dd}/{kind}.jsonl</c> by event time (UTC). Default <c>data/history</c>
    /// beside the silo's binaries (as for the place data), so it survives a restart but not a clean of the build output.
    /// Files are kept until deleted.
    /// </summary>
    public string ArchiveFolder { get; set; } = DefaultFolder;

    /// <summary>The default archive folder.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "data", "history");
}
