namespace Streaming.Dashboard;

/// <summary>The newest <see cref="Kept"/> alerts, newest first, with their acknowledgements: the feed grain's persisted state.</summary>
[GenerateSerializer, Alias("streaming.dashboard.alert-book.v1")]
public sealed class AlertBook
{
    /// <summary>Alerts kept and shown.</summary>
    public const int Kept = 50;

    /// <summary>The kept alerts, newest first.</summary>
    [Id(0)] public List<DashboardAlert> Alerts { get; set; } = [];

    /// <summary>Keeps <paramref name="fired"/> (newest first) in front, ignoring any already kept, and forgets the oldest past <see cref="Kept"/>.</summary>
    public IReadOnlyList<DashboardAlert> Add(IReadOnlyList<DashboardAlert> fired)
    {
        var added = fired.Where(a => !Alerts.Exists(k => k.Id == a.Id)).DistinctBy(a => a.Id).ToList();
        Alerts.InsertRange(0, added);
        if (Alerts.Count > Kept)
        {
            Alerts.RemoveRange(Kept, Alerts.Count - Kept);
        }
        return added;
    }

    /// <summary>
    /// Acknowledges alert <paramref name="id"/> by <paramref name="user"/> at <paramref name="at"/> unless someone already
    /// did; null when it is not kept. <paramref name="changed"/> says whether this call acknowledged it.
    /// </summary>
    public DashboardAlert? Acknowledge(string id, string user, DateTimeOffset at, out bool changed)
    {
        changed = false;
        var index = Alerts.FindIndex(a => a.Id == id);
        if (index < 0)
        {
            return null;
        }
        if (Alerts[index].AcknowledgedBy is null)
        {
            Alerts[index] = Alerts[index] with { AcknowledgedBy = user, AcknowledgedAt = at };
            changed = true;
        }
        return Alerts[index];
    }
}
