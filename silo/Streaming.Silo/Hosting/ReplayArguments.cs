using System.Globalization;
using Streaming.Domain;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// The <c>replay</c> command's arguments: <c>--from ISO --to ISO [--source S]... [--kind K]... [--metric M]...
/// --out FILE.jsonl|FILE.csv|FILE.parquet [--archive FOLDER]</c>.
/// </summary>
public sealed record ReplayArguments(ReplayPlan Plan, string Out, ReplayFormat Format, string? Archive)
{
    /// <summary>The usage line printed with an error.</summary>
    public const string Usage = "usage: replay --from <ISO 8601> --to <ISO 8601> [--source S]... [--kind K]... [--metric M]... "
        + "--out FILE.jsonl|FILE.csv|FILE.parquet [--archive FOLDER]";

    /// <summary>Parses the arguments after <c>replay</c>; on failure returns null and says why.</summary>
    public static ReplayArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string[] known = ["--from", "--to", "--source", "--kind", "--metric", "--out", "--archive", "--sandbox"];
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

        if (values.ContainsKey("--sandbox"))
        {
            error = "--sandbox is not supported yet: export with --out";
        }
        else if (!TryTime(One("--from"), out var from) || !TryTime(One("--to"), out var to))
        {
            error = "--from and --to must each be given once, as ISO 8601 times (2004-03-10T00:00:00Z; without an offset, UTC)";
        }
        else if (from >= to)
        {
            error = "--from must be before --to";
        }
        else if (One("--out") is not { } output || ReplayWriters.FormatOf(output) is not { } format)
        {
            error = "--out must be given once and end in .jsonl, .csv or .parquet";
        }
        else if (!TryKinds(All("--kind"), out var kinds, out var badKind))
        {
            error = $"--kind '{badKind}' is not one of sensor, social, media, record";
        }
        else
        {
            return new ReplayArguments(new ReplayPlan(from, to, All("--source"), kinds, All("--metric")), output, format, One("--archive"));
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
