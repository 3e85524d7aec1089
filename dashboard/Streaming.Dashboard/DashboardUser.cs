namespace Streaming.Dashboard;

/// <summary>One ops user: a name, a PBKDF2 hash of the password (<c>pbkdf2-sha256$iterations$salt$hash</c>) and a role.</summary>
public sealed class DashboardUser
{
    /// <summary>The sign-in name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The password hashed as <see cref="Streaming.Ingress.SecretHasher"/> does; never the password itself.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary><see cref="DashboardRoles.Viewer"/> or <see cref="DashboardRoles.Operator"/>.</summary>
    public string Role { get; set; } = DashboardRoles.Viewer;
}
