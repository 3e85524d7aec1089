using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Streaming.Dashboard;

/// <summary>
/// The dashboard's hub: signed-in users only (the Origin is checked before, in <see cref="OriginPolicy"/>). Pages join
/// the groups they show and receive nothing else; <see cref="TrendPublisher"/> does the sending.
/// </summary>
[Authorize]
public sealed class TrendHub(TrendGroups groups, TrendSnapshots snapshots, IGrainFactory grains) : Hub<ITrendClient>
{
    /// <summary>
    /// Joins <c>system</c>, <c>area:{id}</c>, <c>entity:{key}</c> or <c>top:{kind}/{metric}</c> (the page's choice of metric for
    /// its top entities), and answers with the group's current state.
    /// </summary>
    public async Task<TrendUpdate> JoinGroup(string group)
    {
        if (!TrendGroups.IsValid(group))
        {
            throw new HubException("Unknown group: use system, area:{id}, entity:{key} or top:{kind}/{metric}.");
        }
        if (!groups.Join(Context.ConnectionId, group))
        {
            throw new HubException($"A page may watch at most {TrendGroups.MaxPerConnection} groups at once: leave one first.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        return await snapshots.ForAsync(group);
    }

    /// <summary>Stops receiving a group's updates.</summary>
    public async Task LeaveGroup(string group)
    {
        groups.Leave(Context.ConnectionId, group);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }

    /// <summary>Acknowledges an alert (operators only); every page of every dashboard sees who did, with its next push.</summary>
    [Authorize(Roles = DashboardRoles.Operator)]
    public async Task<DashboardAlert> AcknowledgeAlert(string id) =>
        await grains.GetGrain<IDashboardFeedGrain>(IDashboardFeedGrain.Key).Acknowledge(id, Context.User?.Identity?.Name ?? "unknown")
        ?? throw new HubException($"No such alert (only the newest {AlertBook.Kept} are kept).");

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        groups.Drop(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
