namespace HireBot.Storage;

/// <summary>Stops the private PostgreSQL cluster when the host stops (it was started before the host was built).</summary>
public sealed class EmbeddedPostgresLifetime(EmbeddedPostgres server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync();
}
