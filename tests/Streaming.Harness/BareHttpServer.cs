using System.Buffers;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Streaming.Harness;

/// <summary>
/// The bare HTTP transport: Kestrel (the server the silo's ingest endpoint runs on, same version) in the harness process
/// on a free 127.0.0.1 port, answering <c>POST /api/ingest</c> with 202 once it has read the whole body and noted the
/// event's id as arrived. No parsing, validation or processing beyond that.
/// </summary>
internal sealed class BareHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareHttpServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<BareHttpServer> StartAsync(Arrivals arrivals)
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/api/ingest", async (HttpContext context) =>
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted);
                if (read.IsCompleted)
                {
                    var now = Stopwatch.GetTimestamp();
                    var body = read.Buffer;
                    arrivals.Arrived(SensorMessages.IdOf(body.IsSingleSegment ? body.FirstSpan : body.ToArray()), now);
                    reader.AdvanceTo(body.End);
                    break;
                }
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
        await app.StartAsync();
        return new BareHttpServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
