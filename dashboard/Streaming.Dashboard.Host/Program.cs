using Orleans.Configuration;
using Streaming.Dashboard;
using Streaming.Dashboard.Host;
using Streaming.Ingress;

// The dashboard on its own, apart from the silos (the production layout): an Orleans client that receives every silo's
// digests through the feed grain and serves the same page, hub and sign-in as a silo does.
// appsettings.json is read from beside the assembly, whatever the working directory (as the silo does).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var cluster = builder.Configuration.GetSection(DashboardClusterOptions.Section).Get<DashboardClusterOptions>() ?? new DashboardClusterOptions();
var connectionString = builder.Configuration.GetConnectionString("Orleans");
builder.UseOrleansClient(client =>
{
    if (string.IsNullOrWhiteSpace(connectionString))
    {
        client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
    }
    else
    {
        client.Configure<ClusterOptions>(c => (c.ClusterId, c.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
        client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
    }
    client.UseConnectionRetryFilter<ClusterConnectionRetry>();
});
builder.Services.AddOptions<DashboardClusterOptions>().BindConfiguration(DashboardClusterOptions.Section)
    .ValidateDataAnnotations().ValidateOnStart();
builder.AddDashboard();
// Thumbnails are read from the silos' media folder (Media:Folder): shared storage in a cluster.
builder.Services.AddMedia();

var app = builder.Build();
app.MapDashboard();
app.MapGet("/health", (FeedSubscriber feed) => Results.Ok(new { status = "ok", lastDigest = feed.LastDigest }));
await app.RunAsync();
