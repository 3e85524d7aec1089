using System.Text.Json;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>Reads and checks a <see cref="SandboxRequest"/>: the plan, the overrides, and the sandbox's description.</summary>
public static class SandboxRequests
{
    /// <summary>Parses the body; null when it is not the request's JSON.</summary>
    public static SandboxRequest? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, SandboxJsonContext.Default.SandboxRequest);
        }
        catch (JsonException)
        {
            // Answered as a 400 by the caller.
            return null;
        }
    }

    /// <summary>The plan and overrides of a request, or null with the problem to answer.</summary>
    public static ApiProblem? Check(SandboxRequest r, out ReplayPlan plan, out Dictionary<string, string> overrides)
    {
        plan = null!;
        overrides = new(StringComparer.OrdinalIgnoreCase);
        if (!SandboxNames.IsValid(r.Name))
        {
            return new("BadName", $"name must be {SandboxNames.Rule}");
        }
        if (r.From is not { } from || r.To is not { } to)
        {
            return new("BadRange", "from and to are required ISO 8601 times");
        }
        if (from >= to)
        {
            return new("BadRange", "from must be before to");
        }
        if (r.MaxEventsPerSecond is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            return new("BadRate", "maxEventsPerSecond must be a positive number");
        }
        if (!ReplayArguments.TryKinds(r.Kinds ?? [], out var kinds, out var bad))
        {
            return new("BadKind", $"kind '{bad}' is not one of sensor, social, media, record");
        }
        foreach (var (key, value) in r.Settings ?? [])
        {
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                return new("BadSetting", $"setting '{key}' must be a string or a number");
            }
            overrides[key] = text;
        }
        plan = new ReplayPlan(from, to, r.Sources ?? [], kinds, r.Metrics ?? []);
        return null;
    }

    /// <summary>The description a new run of the sandbox starts with.</summary>
    public static SandboxInfo Info(string name, ReplayPlan plan, Dictionary<string, string> overrides, ReplayRun run) =>
        new(name, plan.From, plan.To, [.. plan.Sources], [.. plan.Kinds.Select(k => k.ToString().ToLowerInvariant())], [.. plan.Metrics],
            new(overrides, StringComparer.Ordinal), run.Id, SandboxRunState.Running, run.StartedAt);
}
