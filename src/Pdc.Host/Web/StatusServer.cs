using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pdc.Host.Web;

/// <summary>
/// The local HTTP port (Kestrel): GET /api/status (devices, concentrator, outputs as JSON) and GET /api/events
/// (the latest detector events). Bound to the address given, 127.0.0.1 by default: it is for operators on the
/// machine, not for the world.
/// </summary>
internal sealed class StatusServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly WebApplication app;

    private StatusServer(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The address actually bound (the port is chosen by the system when 0 was asked for).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public static async Task<StatusServer> StartAsync(IPEndPoint endpoint, Func<object> status, Func<object> events, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(o => o.Listen(endpoint));
        var app = builder.Build();
        app.MapGet("/api/status", () => Results.Json(status(), Json));
        app.MapGet("/api/events", () => Results.Json(events(), Json));
        app.MapGet("/", () => Results.Text("Pdc: GET /api/status for devices, concentrator and outputs; GET /api/events for detector events.\n"));
        var server = new StatusServer(app);
        await app.StartAsync().ConfigureAwait(false);
        server.Address = new Uri(app.Urls.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
