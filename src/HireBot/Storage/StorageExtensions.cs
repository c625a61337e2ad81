using Npgsql;

namespace HireBot.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the one NpgsqlDataSource: on <c>ConnectionStrings__HireBot</c> when set, otherwise
    /// on a private cluster started now (and stopped when the host is disposed).
    /// </summary>
    public static async Task<string> AddStorageAsync(this WebApplicationBuilder builder, CancellationToken ct)
    {
        var connectionString = builder.Configuration.GetConnectionString("HireBot");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
            using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
            var server = await EmbeddedPostgres.StartAsync(options, loggerFactory.CreateLogger<EmbeddedPostgres>(), ct);
            // Registered before every other hosted service, so it stops last: after the jobs and the dispatcher.
            builder.Services.AddHostedService(_ => new EmbeddedPostgresLifetime(server));
            builder.Services.AddSingleton(server);
            connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString;
            connectionString = await EnsureDatabaseAsync(connectionString, "hirebot", ct);
        }
        var dataSource = new NpgsqlDataSourceBuilder(Tuned(connectionString, PoolSizes.Host)).Build();
        // A factory registration, so the container disposes it (and closes its pooled connections) with the host.
        builder.Services.AddSingleton(_ => dataSource);
        return connectionString;
    }

    /// <summary>
    /// Pool settings for many short statements, unless the connection string sets them: no
    /// <c>DISCARD ALL</c> each time a connection goes back to the pool (the bot keeps no session
    /// state; the migrator's advisory lock is released explicitly), the statements a connection
    /// runs most are prepared once on it instead of parsed and planned on every call, and at most
    /// <paramref name="maxPoolSize"/> connections (see <see cref="PoolSizes"/>).
    /// </summary>
    public static string Tuned(string connectionString, int maxPoolSize)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows; the generic one only for those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(string name) => given.ContainsKey(name) || given.ContainsKey(name.Replace(" ", ""));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given("No Reset On Close")) builder.NoResetOnClose = true;
        if (!Given("Max Auto Prepare")) builder.MaxAutoPrepare = 64;
        return Bounded(builder.ConnectionString, maxPoolSize);
    }

    /// <summary>The connection string with a pool of at most <paramref name="maxPoolSize"/>, unless it sets its own.</summary>
    public static string Bounded(string connectionString, int maxPoolSize)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Maximum Pool Size") || given.ContainsKey("Max Pool Size") || given.ContainsKey("MaxPoolSize")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    /// <summary>
    /// The bot's three pools together stay well under the embedded cluster's <c>max_connections = 200</c>
    /// (Npgsql's default of 100 each could reach 300 under load and be refused with 53300). Two cores
    /// gain nothing from more connections than this; requests beyond them wait for a free one.
    /// </summary>
    public static class PoolSizes
    {
        /// <summary>Inbox and outbox claims, health, migrations.</summary>
        public const int Host = 30;
        /// <summary>Every feature's queries, bound to an organisation (<c>OrgDb</c>).</summary>
        public const int Organisations = 60;
        /// <summary>Quartz's job store: its threads plus the cluster and misfire managers.</summary>
        public const int Jobs = 20;
    }

    private static async Task<string> EnsureDatabaseAsync(string adminConnectionString, string name, CancellationToken ct)
    {
        await using (var admin = NpgsqlDataSource.Create(adminConnectionString))
        {
            await using var exists = admin.CreateCommand("SELECT 1 FROM pg_database WHERE datname = $1");
            exists.Parameters.Add(new() { Value = name });
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = admin.CreateCommand($"CREATE DATABASE {name}");
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }
}
