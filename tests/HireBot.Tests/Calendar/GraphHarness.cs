using HireBot.Calendar;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Graph;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Tests.Calendar;

/// <summary>
/// The Graph calendar as the host builds it (AddGraphCalendar over configuration), aimed at a
/// loopback token issuer and a loopback Graph.
/// </summary>
internal sealed class GraphHarness : IAsyncDisposable
{
    public const string Organizer = "recruiting@contoso.test";

    private readonly ServiceProvider _services;

    private GraphHarness(FakeGraphTokenIssuer issuer, FakeGraph graph, ServiceProvider services)
    {
        Issuer = issuer;
        Graph = graph;
        _services = services;
        Calendar = services.GetRequiredService<ICalendar>();
    }

    public FakeGraphTokenIssuer Issuer { get; }

    public FakeGraph Graph { get; }

    public ICalendar Calendar { get; }

    public static async Task<GraphHarness> StartAsync(string clientSecret = FakeGraphTokenIssuer.ClientSecret)
    {
        var issuer = await FakeGraphTokenIssuer.StartAsync();
        var graph = await FakeGraph.StartAsync(issuer);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AZURE_TENANT_ID"] = FakeGraphTokenIssuer.TenantId,
            ["AZURE_CLIENT_ID"] = FakeGraphTokenIssuer.ClientId,
            ["AZURE_CLIENT_SECRET"] = clientSecret,
            ["Graph:BaseUrl"] = graph.BaseUrl.ToString(),
            ["Graph:AuthorityHost"] = issuer.AuthorityHost.ToString(),
            ["Graph:OrganizerMailbox"] = Organizer,
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddGraphCalendar(configuration, credential =>
            {
                credential.Transport = issuer.CreateTrustingTransport();

                // Instance discovery would ask Microsoft's global endpoint about our loopback host.
                credential.DisableInstanceDiscovery = true;
                credential.Retry.MaxRetries = 0;
            })
            .BuildServiceProvider();
        return new GraphHarness(issuer, graph, services);
    }

    public IReadOnlyList<FakeGraphRequest> RequestsTo(string pathPart) =>
        Graph.Requests.Where(r => r.Path.Contains(pathPart, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Graph.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
