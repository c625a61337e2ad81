using HireBot.Ats;
using HireBot.Calendar;
using HireBot.Charts;
using HireBot.Cards;
using HireBot.Commands;
using HireBot.Configuration;
using HireBot.Hiring;
using HireBot.Inbox;
using HireBot.Health;
using HireBot.JobScheduler;
using HireBot.Legal;
using HireBot.Local;
using HireBot.Nudges;
using HireBot.Organisations;
using HireBot.Outbox;
using HireBot.Privacy;
using HireBot.Scheduling;
using HireBot.Scorecards;
using HireBot.Slack;
using HireBot.Teams;
using HireBot.Telemetry;
using HireBot.Storage;
using Npgsql;

namespace HireBot;

/// <summary>
/// Builds the bot: configuration, storage, channels, jobs, endpoints. Program.cs calls this;
/// tests call it too, with their own settings, so they run the real host on Kestrel.
/// </summary>
public static class HireBotHost
{
    /// <param name="configureServices">Runs after the bot's own registrations; tests use it to aim clients at loopback fakes.</param>
    public static async Task<WebApplication> BuildAsync(string[] args, IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection, IConfiguration>? configureServices = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.Sources.Insert(Math.Max(0, builder.Configuration.Sources.Count - 2),
            new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
                { InitialData = BotEnvFile.Read(builder.Configuration["BotEnvFile"] ?? "bot.env") });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:3978");

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        // HttpClientFactory's loggers write every request's full URI (Information) and headers (Trace):
        // a Slack response_url is a credential, and Graph paths name mailboxes. They are removed below;
        // this filter keeps them quiet should a library add its own.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var connectionString = await builder.AddStorageAsync(ct);
        try
        {
            return await BuildOnStorageAsync(builder, connectionString, configureServices, ct);
        }
        catch
        {
            // Nothing will stop the private cluster started above if the host never gets built.
            if (builder.Services.FirstOrDefault(d => d.ServiceType == typeof(EmbeddedPostgres))?.ImplementationInstance is EmbeddedPostgres server)
                await server.DisposeAsync();
            throw;
        }
    }

    private static async Task<WebApplication> BuildOnStorageAsync(WebApplicationBuilder builder, string connectionString,
        Action<IServiceCollection, IConfiguration>? configureServices, CancellationToken ct)
    {
        var services = builder.Services;
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        services.AddSingleton(TimeProvider.System);
        services.AddOrganisations(connectionString);
        services.AddOutbox(builder.Configuration);
        services.AddInbox(builder.Configuration);
        services.AddCards();
        services.AddLocalChannel();
        services.AddCharts(builder.Configuration);
        services.AddCommands();
        services.AddHiring();
        services.AddScorecards(builder.Configuration);
        services.AddSlack(builder.Configuration);
        services.AddTeams(builder.Configuration);
        services.AddJobScheduler(connectionString, builder.Configuration);
        services.AddScheduling(builder.Configuration);
        services.AddNudges(builder.Configuration);
        services.AddPrivacy(builder.Configuration);
        services.AddAts(builder.Configuration);
        services.AddTelemetry(builder.Configuration);
        services.AddHealth();
        configureServices?.Invoke(services, builder.Configuration);

        LocalMode.EnsureLoopbackOnly(builder.Configuration);
        var app = builder.Build();
        await Migrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Logger, ct);
        await app.Services.GetRequiredService<OrganisationDirectory>().ApplySettingsAsync(ct);
        await app.Services.GetRequiredService<HireBot.Ats.AtsConnectionStore>().ApplySettingsAsync(ct);
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        app.UseLocalBodyLimit();
        app.UseTelemetry();
        app.MapHealth();
        app.MapLegal();
        app.MapCharts();
        if (LocalEndpoints.IsEnabled(app.Configuration))
        {
            app.MapLocal();
            LocalStartHint.Register(app);
        }
        app.MapSlack();
        app.MapTeams();
        app.MapAts();
        return app;
    }
}
