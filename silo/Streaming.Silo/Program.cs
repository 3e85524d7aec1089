using Streaming.Dashboard;
using Streaming.Ingress;
using Streaming.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddStreamingSilo();
builder.Services.AddIngress();
builder.Services.AddMqttIngress();
builder.Services.AddKafkaOutput(builder.Configuration);
builder.Services.AddKafkaIngress(builder.Configuration);
builder.Services.AddStreamingApi();
builder.AddDashboard();

var app = builder.Build();
app.MapDashboard();
app.UseRateLimiter();
app.MapIngestEndpoint();
app.MapDeadLetterEndpoints();
app.MapInfoEndpoint();
app.MapStreamingApi();
app.MapPlaceEndpoints();
app.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok")));
app.Run();
