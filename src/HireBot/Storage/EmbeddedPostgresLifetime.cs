namespace HireBot.Storage;

/// <summary>
/// Stops the private PostgreSQL cluster when the host stops (it was started before the host was
/// built), and when the host is disposed without having stopped: a start that failed (the port
/// already in use) must not leave the cluster it started running.
/// </summary>
public sealed class EmbeddedPostgresLifetime(EmbeddedPostgres server) : IHostedService, IAsyncDisposable
{
    public ValueTask DisposeAsync() => server.DisposeAsync();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync();
}
