using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Streaming.Ingress;

namespace Streaming.Dashboard;

/// <summary>Serves the page at <c>/</c>, the sign-in, and the hub at <see cref="HubPath"/>.</summary>
public static class DashboardEndpoints
{
    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/trends";

    /// <summary>Where an operator resubmits a dead letter from the page (<c>{id}</c>: the dead letter's id).</summary>
    public const string ResubmitPath = "/dashboard/deadletters/{id}/resubmit";

    /// <summary>
    /// The dashboard's middleware and endpoints. The page's files are served from <c>wwwroot</c> beside the host's
    /// binaries (copied there by the build), so they are found whatever the working directory.
    /// </summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseMiddleware<OriginPolicy>();
        app.UseAuthentication();
        // The page itself needs a signed-in user too; its scripts, styles and the sign-in page do not.
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if ((path == "/" || path == "/index.html") && context.User.Identity?.IsAuthenticated != true)
            {
                context.Response.Redirect(AccountEndpoints.LoginPage);
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseAuthorization();
        app.MapHub<TrendHub>(HubPath);
        app.MapAccountEndpoints();
        app.MapThumbnails();
        // The page's resubmit button: the read API's resubmit, but for signed-in operators only (viewers get 403).
        app.MapPost(ResubmitPath, DeadLetterEndpoints.ResubmitAsync).DisableAntiforgery()
            .RequireAuthorization(p => p.RequireRole(DashboardRoles.Operator));
        return app;
    }
}
