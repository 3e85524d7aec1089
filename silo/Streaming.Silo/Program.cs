using Streaming.Dashboard;
using Streaming.Ingress;
using Streaming.Silo;

if (args is ["replay", ..])
{
    // Replay and export work from the history archive alone, whether or not the platform is running.
    return await ReplayCommand.RunAsync(args[1..]);
}
if (args is ["kafka-broker", ..])
{
    // Only the embedded Kafka-protocol broker, in a process of its own (for benchmarks that measure it apart).
    return await KafkaBrokerCommand.RunAsync(args[1..]);
}

// appsettings.json is read from beside the assembly, as the replay and kafka-broker commands read it, whatever the
// working directory: `dotnet path/to/Streaming.Silo.dll` from elsewhere must not start with none of its settings.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddStreamingSilo();
builder.Services.AddIngress();
builder.Services.AddMqttIngress();
builder.Services.AddKafkaOutput(builder.Configuration);
builder.Services.AddKafkaIngress(builder.Configuration);
builder.Services.AddStreamingApi();
builder.Services.AddReplaySandbox();
builder.AddDashboard();
builder.Services.AddDashboardFeed();

var app = builder.Build();
app.MapDashboard();
app.MapIngestEndpoint();
app.MapDeadLetterEndpoints();
app.MapInfoEndpoint();
app.MapStreamingApi();
app.MapPlaceEndpoints();
app.MapReplayEndpoints();
app.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok")));
await app.RunAsync();
return 0;
