namespace Streaming.Domain;

/// <summary>
/// An owner's archived final windows, a record of their own beside its state: written when enough have gathered, not
/// with every batch (see <see cref="FinalWindowArchive"/>).
/// </summary>
[GenerateSerializer, Alias("streaming.final-windows.v1")]
public sealed class FinalWindows
{
    /// <summary>Final windows per series and size, oldest first.</summary>
    [Id(0)] public Dictionary<WindowKey, List<ClosedWindow>> Series { get; set; } = [];
}
