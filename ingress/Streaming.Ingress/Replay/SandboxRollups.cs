using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>
/// The live roll-ups' pure steps for a replay: each entity's window deltas merge into its area (a place's postcode
/// district, else <c>unassigned</c>, as <c>EntityGrain</c> decides), one numbered segment per applied batch, and the
/// areas forward what they merged to <c>system</c> after every chunk (as their timer does live), through
/// <see cref="RollupModel"/> and <see cref="RollupState"/> exactly as <c>RollupGrain</c> uses them.
/// </summary>
public sealed class SandboxRollups(WindowOptions windows, PlaceIndex places, TimeProvider time)
{
    private const string PlacePrefix = "place:";
    private readonly Dictionary<string, RollupState> _areas = new(StringComparer.Ordinal);
    private readonly RollupState _system = new();
    private readonly Dictionary<EntityKey, long> _sequences = [];
    private readonly List<WindowResult> _scratch = [];
    private Dictionary<string, string>? _areaOfPlace;

    /// <summary>Merges one entity's deltas from one applied batch into its area.</summary>
    public void Merge(EntityKey entity, WindowDelta[] deltas)
    {
        if (deltas.Length == 0)
        {
            return;
        }
        var area = GrainKeys.Area(AreaOf(entity));
        if (!_areas.TryGetValue(area, out var state))
        {
            _areas[area] = state = new RollupState();
        }
        var seq = _sequences[entity] = _sequences.GetValueOrDefault(entity) + 1;
        RollupModel.Merge(state, entity.Value, [new RollupSegment(seq, deltas)], windows, time.GetUtcNow(), _scratch);
        _scratch.Clear();
    }

    /// <summary>Forwards what each area merged since the last call to the system roll-up.</summary>
    public void Forward()
    {
        foreach (var (area, state) in _areas)
        {
            var pending = RollupModel.Forward(state);
            if (pending.Count > 0)
            {
                state.Outbox.Confirm(RollupModel.Merge(_system, area, [.. pending], windows, time.GetUtcNow(), _scratch));
                _scratch.Clear();
            }
        }
    }

    /// <summary>Forwards what is left, makes every window final (the range is complete) and returns each roll-up's windows.</summary>
    public IEnumerable<(string Owner, WindowSet Windows)> Close()
    {
        Forward();
        foreach (var (area, state) in _areas.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            state.Windows.CloseAll(windows, _scratch);
            yield return (area, state.Windows);
        }
        if (_areas.Count > 0)
        {
            _system.Windows.CloseAll(windows, _scratch);
            yield return (GrainKeys.System, _system.Windows);
        }
        _scratch.Clear();
    }

    private string AreaOf(EntityKey entity)
    {
        if (!entity.Value.StartsWith(PlacePrefix, StringComparison.Ordinal))
        {
            return "unassigned";
        }
        _areaOfPlace ??= places.Places.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Area, StringComparer.Ordinal);
        return _areaOfPlace.GetValueOrDefault(entity.Value[PlacePrefix.Length..], "unassigned");
    }
}
