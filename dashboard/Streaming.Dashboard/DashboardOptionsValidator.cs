using Microsoft.Extensions.Options;
using Streaming.Ingress;

namespace Streaming.Dashboard;

/// <summary>Fails start-up on a user without a name, with an unreadable hash or an unknown role, or on a malformed origin.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var failures = new List<string>();
        foreach (var user in options.Users)
        {
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                failures.Add("Dashboard:Users: every user needs a Name.");
            }
            if (!SecretHasher.IsValid(user.PasswordHash))
            {
                failures.Add($"Dashboard:Users '{user.Name}': PasswordHash must be pbkdf2-sha256$iterations$salt$hash (see README).");
            }
            if (!DashboardRoles.IsKnown(user.Role))
            {
                failures.Add($"Dashboard:Users '{user.Name}': Role must be '{DashboardRoles.Viewer}' or '{DashboardRoles.Operator}'.");
            }
        }
        if (options.Users.GroupBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            failures.Add("Dashboard:Users: names must be unique.");
        }
        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/")
            {
                failures.Add($"Dashboard:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port]).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
