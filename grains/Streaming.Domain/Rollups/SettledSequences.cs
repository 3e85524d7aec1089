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
    [Id(0)] public Dictionary<string, long> Applied { get; set; } = [];
}
