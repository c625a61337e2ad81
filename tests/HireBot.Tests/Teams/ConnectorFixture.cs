using HireBot.Teams;
using HireBot.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Tests.Teams;

/// <summary>Fake Entra (token endpoint over https), fake Bot Connector and a bot host wired to both.</summary>
public sealed class ConnectorFixture : IAsyncLifetime
{
    public FakeEntra Entra { get; private set; } = null!;
    public FakeBotConnector Connector { get; private set; } = null!;
    public TeamsTestHost Host { get; private set; } = null!;

    public BotConnectorClient Client => Host.Services.GetRequiredService<BotConnectorClient>();

    public async Task InitializeAsync()
    {
        Entra = await FakeEntra.StartAsync();
        Connector = await FakeBotConnector.StartAsync();
        Host = await TeamsTestHost.StartAsync(Entra);
        Host.Services.GetRequiredService<TrustedServiceUrls>().Trust(Connector.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await Entra.DisposeAsync();
    }
}
