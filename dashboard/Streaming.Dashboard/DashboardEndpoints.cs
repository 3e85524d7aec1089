using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Streaming.Dashboard;

/// <summary>Serves the page at <c>/</c>, the sign-in, the hub at <see cref="HubPath"/> and the page's reads (<see cref="DashboardReads"/>).</summary>
public static class DashboardEndpoints
{
    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/trends";

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
        app.MapDashboardReads();
        return app;
    }
}
