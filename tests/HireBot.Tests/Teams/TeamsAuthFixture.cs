using HireBot.Tests.Fakes;

namespace HireBot.Tests.Teams;

/// <summary>One fake Entra and one bot host shared by the inbound authentication tests.</summary>
public sealed class TeamsAuthFixture : IAsyncLifetime
{
    public FakeEntra Entra { get; private set; } = null!;
    public TeamsTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Entra = await FakeEntra.StartAsync();
        Host = await TeamsTestHost.StartAsync(Entra);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Entra.DisposeAsync();
    }
}
