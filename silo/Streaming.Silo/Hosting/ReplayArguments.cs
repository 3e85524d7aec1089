using System.Globalization;
using Streaming.Domain;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// The <c>replay</c> command's arguments: <c>--from ISO --to ISO [--source S]... [--kind K]... [--metric M]...
/// (--out FILE.jsonl|FILE.csv|FILE.parquet [--archive FOLDER | --kafka BOOTSTRAP [--topic T]] | --sandbox NAME [--set KEY=VALUE]... [--silo URL])</c>.
/// </summary>
public sealed record ReplayArguments(ReplayPlan Plan, string? Out, ReplayFormat Format, string? Archive)
{
    /// <summary>The usage line printed with an error.</summary>
    public const string Usage = "usage: replay --from <ISO 8601> --to <ISO 8601> [--source S]... [--kind K]... [--metric M]... "
        + "(--out FILE.jsonl|FILE.csv|FILE.parquet [--archive FOLDER | --kafka BOOTSTRAP [--topic T]] | --sandbox NAME [--set KEY=VALUE]... [--silo URL])\n"
        + "       replay diff --sandbox NAME [--limit N] [--silo URL]";

    /// <summary>The sandbox to fill through the running silo, instead of an export.</summary>
    public string? Sandbox { get; init; }

    /// <summary>The sandbox's setting overrides (<c>--set Cleaning:Limits:pm25:Max=50</c>).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The Kafka bootstrap servers to read the ingest topic from (<c>--kafka</c>) instead of the archive.</summary>
    public string? Kafka { get; init; }

    /// <summary>The topic read with <see cref="Kafka"/> (<c>--topic</c>); default <see cref="Topics.Ingest"/>.</summary>
    public string Topic { get; init; } = Topics.Ingest;

    /// <summary>The running silo's address (<c>--silo</c>), else the configured <c>Urls</c>' first.</summary>
    public string? Silo { get; init; }

    /// <summary>Parses the arguments after <c>replay</c>; on failure returns null and says why.</summary>
    public static ReplayArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string[] known = ["--from", "--to", "--source", "--kind", "--metric", "--out", "--archive", "--sandbox", "--set", "--silo", "--kafka", "--topic"];
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!known.Contains(args[i]))
            {
                error = $"unknown argument '{args[i]}'";
                return null;
            }
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{args[i]} needs a value";
                return null;
            }
            (values.TryGetValue(args[i], out var list) ? list : values[args[i]] = []).Add(args[i + 1]);
        }
        List<string> All(string name) => values.GetValueOrDefault(name) ?? [];
        string? One(string name) => All(name) is [var only] ? only : null;

        var sandbox = One("--sandbox");
        var settings = All("--set").Select(p => p.Split('=', 2)).ToList();
        if (values.ContainsKey("--sandbox") == values.ContainsKey("--out"))
        {
            error = "give either --out FILE (an export) or --sandbox NAME (a sandbox run in the running silo)";
        }
        else if (values.ContainsKey("--sandbox") && !SandboxNames.IsValid(sandbox))
        {
            error = $"--sandbox must be given once, {SandboxNames.Rule}";
        }
        else if (settings.Any(p => p.Length != 2 || p[0].Length == 0) || (settings.Count > 0 && sandbox is null))
        {
            error = "--set takes KEY=VALUE (Cleaning:Limits:pm25:Max=50), and only with --sandbox";
        }
        else if (!TryTime(One("--from"), out var from) || !TryTime(One("--to"), out var to))
        {
            error = "--from and --to must each be given once, as ISO 8601 times (2004-03-10T00:00:00Z; without an offset, UTC)";
        }
        else if (from >= to)
        {
            error = "--from must be before --to";
        }
        else if (sandbox is null && (One("--out") is not { } file || ReplayWriters.FormatOf(file) is null))
        {
            error = "--out must be given once and end in .jsonl, .csv or .parquet";
        }
        else if ((values.ContainsKey("--kafka") || values.ContainsKey("--topic"))
            && (sandbox is not null || values.ContainsKey("--archive") || One("--kafka") is null || (values.ContainsKey("--topic") && One("--topic") is null)))
        {
            error = "--kafka BOOTSTRAP [--topic T] are given once each, with --out and without --archive";
        }
        else if (!TryKinds(All("--kind"), out var kinds, out var badKind))
        {
            error = $"--kind '{badKind}' is not one of sensor, social, media, record";
        }
        else
        {
            var output = One("--out");
            return new ReplayArguments(new ReplayPlan(from, to, All("--source"), kinds, All("--metric")), output,
                output is null ? ReplayFormat.JsonLines : ReplayWriters.FormatOf(output)!.Value, One("--archive"))
            {
                Sandbox = sandbox, Silo = One("--silo"), Kafka = One("--kafka"), Topic = One("--topic") ?? Topics.Ingest,
                Settings = settings.GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase),
            };
        }
        return null;
    }

    private static bool TryTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    /// <summary>Parses kind names (case-insensitive).</summary>
    public static bool TryKinds(IEnumerable<string> names, out List<EventKind> kinds, out string? bad)
    {
        kinds = [];
        bad = null;
        foreach (var name in names)
        {
            if (!Enum.TryParse<EventKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(name, out _))
            {
                bad = name;
                return false;
            }
            kinds.Add(kind);
        }
        return true;
    }
}
