namespace Streaming.Domain;

/// <summary>
/// The highest segment a roll-up applied, per child, for the children that have not merged since they were settled (see
/// <see cref="RollupModel.Settle"/>). Persisted as a record of its own and written only when a batch of recent children
/// is settled into it, so a roll-up's every-commit write does not carry one number per child it has ever had.
/// </summary>
[GenerateSerializer, Alias("streaming.settled-sequences.v1")]
public sealed class SettledSequences
{
    /// <summary>Highest segment applied, per child key.</summary>
    public Dictionary<string, long> Applied { get => _applied; set => _applied = value; }

    [NonSerialized] private Dictionary<string, long> _applied = [];

    // Stored as one packed field (see ChildSequenceTable): records written before it hold the dictionary as field 0.
    [Id(1)]
    internal ChildSequenceTable Packed
    {
        get => new(Applied);
        set => Applied = value.Map;
    }

    [Id(0)]
    internal Dictionary<string, long>? Stored
    {
        get => null;
        set => Applied = value ?? Applied;
    }
}
