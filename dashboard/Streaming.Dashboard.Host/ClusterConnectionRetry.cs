using Microsoft.Extensions.Logging;

namespace Streaming.Dashboard.Host;

/// <summary>
/// Keeps trying to reach the cluster at start-up (every <see cref="Every"/>, saying so in the log) instead of giving up:
/// the dashboard may start before the silos do.
/// </summary>
internal sealed partial class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetry(exception.Message, Every.TotalSeconds);
        await Task.Delay(Every, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(3060, LogLevel.Warning, "The cluster cannot be reached yet ({Reason}); trying again in {Seconds} s")]
    private partial void LogRetry(string reason, double seconds);
}
