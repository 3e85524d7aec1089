using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Streaming.Dashboard;

/// <summary>Sign-in and sign-out for the dashboard (a form POST; the cookie is SameSite=Strict and HttpOnly).</summary>
public static partial class AccountEndpoints
{
    /// <summary>The sign-in page.</summary>
    public const string LoginPage = "/login.html";

    /// <summary>Maps <c>POST /account/login</c>, <c>POST /account/logout</c> and <c>GET /account/me</c>.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/login", SignInAsync);
        account.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPage);
        });
        account.MapGet("/me", (ClaimsPrincipal user) =>
            Results.Ok(new { name = user.Identity?.Name, role = user.FindFirstValue(ClaimTypes.Role) })).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, DashboardUsers users, SignInThrottle throttle, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(AccountEndpoints));
        if (!context.Request.HasFormContentType)
        {
            return Results.BadRequest();
        }
        var form = await context.Request.ReadFormAsync();
        var (name, password) = (form["username"].ToString().Trim(), form["password"].ToString());
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(name, address) is { } wait)
        {
            // Refused before the password is checked, so guessing gains nothing while it lasts.
            var minutes = (int)Math.Ceiling(wait.TotalMinutes);
            LogThrottled(logger, name, address, minutes);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Redirect(LoginPage + "?throttled=" + minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var user = name.Length == 0 || password.Length == 0 ? null : users.Verify(name, password);
        if (user is null)
        {
            throttle.Failed(name, address);
            LogFailed(logger, name);
            return Results.Redirect(LoginPage + "?failed=1");
        }
        throttle.Succeeded(name);
        Claim[] claims = [new(ClaimTypes.Name, user.Name), new(ClaimTypes.Role, user.Role)];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        LogSignedIn(logger, user.Name, user.Role);
        var returnUrl = form["returnUrl"].ToString();
        // Only a local path: never a redirect to another site.
        return Results.Redirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/");
    }

    [LoggerMessage(3030, LogLevel.Information, "Dashboard sign-in: {User} ({Role})")]
    private static partial void LogSignedIn(ILogger logger, string user, string role);

    [LoggerMessage(3031, LogLevel.Warning, "Dashboard sign-in refused for user name '{User}'")]
    private static partial void LogFailed(ILogger logger, string user);

    [LoggerMessage(3032, LogLevel.Warning, "Dashboard sign-in for '{User}' from {Address} throttled for {Minutes} min after repeated failures")]
    private static partial void LogThrottled(ILogger logger, string user, string? address, int minutes);
}
