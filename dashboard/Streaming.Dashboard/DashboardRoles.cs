namespace Streaming.Dashboard;

/// <summary>The dashboard's roles: a viewer watches; an operator may also act (acknowledge alerts, resubmit dead letters).</summary>
public static class DashboardRoles
{
    /// <summary>Watches the dashboard.</summary>
    public const string Viewer = "viewer";

    /// <summary>Watches and acts.</summary>
    public const string Operator = "operator";

    /// <summary>Whether <paramref name="role"/> is one of the roles.</summary>
    public static bool IsKnown(string role) => role is Viewer or Operator;
}
