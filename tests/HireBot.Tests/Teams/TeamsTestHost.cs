using HireBot.Tests.Support;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using HireBot.Teams;
using HireBot.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HireBot.Tests.Teams;

/// <summary>
/// A minimal bot host on Kestrel 127.0.0.1:0: <c>AddTeams</c> configured like production (only the
/// URLs point at <see cref="FakeEntra"/>) and <c>MapTeams</c> with a handler that records what it got.
/// </summary>
public sealed class TeamsTestHost : IAsyncDisposable
{
    public const string AppId = "5d1c7e0a-3b7f-4a8e-9a51-2f3c4d5e6f70";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>The multi-tenant test app admits the fakes' tenant and the Playground samples' tenant.</summary>
    public const string AdmittedTenants = TenantId + ",00000000-0000-0000-0000-0000000000001";

    private readonly WebApplication _app;

    public ConcurrentQueue<TeamsInbound> Received { get; } = new();
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    private TeamsTestHost(WebApplication app, string baseUrl)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public static async Task<TeamsTestHost> StartAsync(FakeEntra? entra, Dictionary<string, string?>? overrides = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:MicrosoftAppId"] = AppId,
            ["Teams:MicrosoftAppPassword"] = "test-secret",
            ["Teams:AllowedTenantIds"] = AdmittedTenants,
            ["Teams:OpenIdMetadataUrl"] = entra?.MetadataUrl,
            ["Teams:AuthorityHost"] = entra?.BaseUrl,
        };
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(time ?? TestClock.Shared);
        builder.Services.AddTeamsProtocol(builder.Configuration);
        builder.Services.AddHttpClient(BotFrameworkKeys.HttpClientName).ConfigurePrimaryHttpMessageHandler(LoopbackCertificate.TrustingHandler);
        builder.Services.AddHttpClient(ConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(LoopbackCertificate.TrustingHandler);
        var app = builder.Build();
        TeamsTestHost? self = null;
        app.MapTeams((inbound, _, _) =>
        {
            self!.Received.Enqueue(inbound);
            TeamsInvokeResponse? response = inbound is TeamsCardAction { IsInvoke: true }
                ? TeamsInvokeResponse.Card(new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5" })
                : null;
            return Task.FromResult(response);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new TeamsTestHost(app, address);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
