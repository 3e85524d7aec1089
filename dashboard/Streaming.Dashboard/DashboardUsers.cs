using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingress;

namespace Streaming.Dashboard;

/// <summary>
/// The users who may sign in, from <c>Dashboard:Users</c>. When none are configured (the embedded default), one local
/// operator is made at start-up with a random password, printed once in the log: it is kept nowhere else.
/// </summary>
public sealed partial class DashboardUsers(IOptions<DashboardOptions> options, IConfiguration configuration, ILogger<DashboardUsers> logger)
    : IHostedService
{
    /// <summary>The name of the local user made when none are configured.</summary>
    public const string LocalUserName = "ops";

    private readonly Lazy<List<DashboardUser>> _users = new(() => Load(options.Value, configuration, logger));

    /// <summary>The user whose password this is, or null; as slow for an unknown name as for a known one.</summary>
    public DashboardUser? Verify(string name, string password)
    {
        var user = _users.Value.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));
        var matches = SecretHasher.Verify(Encoding.UTF8.GetBytes(password), user?.PasswordHash ?? _users.Value[0].PasswordHash);
        return user is not null && matches ? user : null;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _users.Value; // makes (and prints) the local user at start-up, not at the first sign-in
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static List<DashboardUser> Load(DashboardOptions options, IConfiguration configuration, ILogger logger)
    {
        if (options.Users.Count > 0)
        {
            LogUsers(logger, options.Users.Count);
            return options.Users;
        }
        var password = Base64Url(RandomNumberGenerator.GetBytes(15));
        var url = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/');
        LogLocalUser(logger, url, LocalUserName, password);
        return [new DashboardUser { Name = LocalUserName, PasswordHash = SecretHasher.Hash(password), Role = DashboardRoles.Operator }];
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    [LoggerMessage(3001, LogLevel.Warning,
        "No Dashboard:Users configured: sign in to the dashboard at {Url}/ as user '{User}' with password {Password} " +
        "(made for this run only and shown only now; configure Dashboard:Users to replace it)")]
    private static partial void LogLocalUser(ILogger logger, string url, string user, string password);

    [LoggerMessage(3002, LogLevel.Information, "{Count} dashboard users configured")]
    private static partial void LogUsers(ILogger logger, int count);
}
