using System.Collections.Concurrent;
using Streaming.Grains.Abstractions;

namespace Streaming.Dashboard;

/// <summary>
/// Which hub groups have members in this dashboard, so the publisher keeps and sends only what someone watches
/// (10,000 entities stream, but only the entities on someone's screen cost anything). Group names:
/// <c>system</c>, <c>area:{id}</c>, <c>entity:{key}</c>, and <c>top:{kind}/{metric}</c> for a metric's top entities.
/// </summary>
public sealed class TrendGroups
{
    /// <summary>The system-wide group; it also receives the rates, dead letters and areas.</summary>
    public const string System = "system";

    /// <summary>Groups one connection may join at once, which bounds its messages to this many per push interval.</summary>
    public const int MaxPerConnection = 3;

    private const int MaxNameLength = 200;
    private readonly ConcurrentDictionary<string, int> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="group"/> is a group name a page may join.</summary>
    public static bool IsValid(string? group) => group is not null && group.Length <= MaxNameLength && (group == System
        || (group.StartsWith("area:", StringComparison.Ordinal) && group.Length > 5)
        || (group.StartsWith("entity:", StringComparison.Ordinal) && group.Length > 7)
        || (group.StartsWith(TopPrefix, StringComparison.Ordinal) && group.Length > TopPrefix.Length));

    /// <summary>The prefix of the groups that receive one metric's top entities.</summary>
    public const string TopPrefix = "top:";

    /// <summary>Whether a grain's output <paramref name="owner"/> is an entity (not an area or the system).</summary>
    public static bool IsEntity(string owner) => ForOwner(owner).StartsWith("entity:", StringComparison.Ordinal);

    /// <summary>The group that watches a grain's output: <c>system</c>, <c>area:{id}</c> as is, an entity key as <c>entity:{key}</c>.</summary>
    public static string ForOwner(string owner) => owner == GrainKeys.System ? System
        : owner.StartsWith("area:", StringComparison.Ordinal) ? owner : "entity:" + owner;

    /// <summary>The grain key behind a group (the inverse of <see cref="ForOwner"/>).</summary>
    public static string OwnerOf(string group) => group.StartsWith("entity:", StringComparison.Ordinal) ? group[7..] : group;

    /// <summary>Whether anyone here watches <paramref name="group"/>.</summary>
    public bool IsWatched(string group) => _members.TryGetValue(group, out var n) && n > 0;

    /// <summary>The groups that have members here now.</summary>
    public IEnumerable<string> Watched() => _members.Where(m => m.Value > 0).Select(m => m.Key);

    /// <summary>The entity groups (<c>entity:{key}</c>) that have members in this dashboard now, in order.</summary>
    public string[] WatchedEntities() =>
        [.. Watched().Where(g => g.StartsWith("entity:", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Adds a member; false when the connection already has <see cref="MaxPerConnection"/> other groups.</summary>
    public bool Join(string connectionId, string group)
    {
        var joined = _byConnection.GetOrAdd(connectionId, _ => []);
        lock (joined)
        {
            if (joined.Contains(group))
            {
                return true;
            }
            if (joined.Count >= MaxPerConnection)
            {
                return false;
            }
            joined.Add(group);
            _members.AddOrUpdate(group, 1, (_, n) => n + 1);
            return true;
        }
    }

    /// <summary>Removes a member, if it was one.</summary>
    public void Leave(string connectionId, string group)
    {
        if (_byConnection.TryGetValue(connectionId, out var joined))
        {
            lock (joined)
            {
                if (joined.Remove(group))
                {
                    _members.AddOrUpdate(group, 0, (_, n) => Math.Max(0, n - 1));
                }
            }
        }
    }

    /// <summary>Forgets a closed connection's memberships.</summary>
    public void Drop(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var joined))
        {
            lock (joined)
            {
                foreach (var group in joined)
                {
                    _members.AddOrUpdate(group, 0, (_, n) => Math.Max(0, n - 1));
                }
            }
        }
    }
}
