using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Streaming.Ingress;

/// <summary><c>GET /api/info</c>: the HTTP address, and the Kafka bootstrap servers and topics a downstream consumer needs.</summary>
public static class InfoEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapInfoEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/info", (IServer server, IServiceProvider services) =>
        {
            var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
            var producer = services.GetService<KafkaOutputProducer>();
            var kafka = producer is null ? null : new KafkaInfo(producer.BootstrapServers, producer.Embedded, new()
            {
                ["clean"] = Topics.Clean,
                ["entities"] = Topics.Entities,
                ["aggregates"] = Topics.Aggregates,
                ["alerts"] = Topics.Alerts,
                ["deadLetter"] = Topics.DeadLetter,
                ["ingest"] = Topics.Ingest,
            });
            return Microsoft.AspNetCore.Http.TypedResults.Ok(new InfoResponse(urls.FirstOrDefault(), urls, kafka));
        });
        return app;
    }
}
