using HireBot.Storage;

namespace HireBot.Organisations;

public static class OrganisationsExtensions
{
    /// <summary>The org-bound data access every feature uses, on a pool of its own, and the directory of organisations.</summary>
    public static IServiceCollection AddOrganisations(this IServiceCollection services, string connectionString)
    {
        var pool = OrgDb.BuildPool(StorageExtensions.Tuned(connectionString, StorageExtensions.PoolSizes.Organisations));
        services.AddSingleton(new OrgDb(pool));
        services.AddHostedService(_ => new PoolLifetime(pool));
        services.AddSingleton<OrganisationDirectory>();
        return services;
    }

    /// <summary>Closes the org pool's connections when the host stops.</summary>
    private sealed class PoolLifetime(Npgsql.NpgsqlDataSource pool) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public async Task StopAsync(CancellationToken cancellationToken) => await pool.DisposeAsync();
    }
}
