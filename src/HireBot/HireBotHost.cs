using HireBot.Cards;
using HireBot.Configuration;
using HireBot.Hiring;
using HireBot.Jobs;
using HireBot.Local;
using HireBot.Nudges;
using HireBot.Outbox;
using HireBot.Storage;
using Npgsql;

namespace HireBot;

/// <summary>
/// Builds the bot: configuration, storage, channels, jobs, endpoints. Program.cs calls this;
/// tests call it too, with their own settings, so they run the real host on Kestrel.
/// </summary>
public static class HireBotHost
{
    public static async Task<WebApplication> BuildAsync(string[] args, IDictionary<string, string?>? overrides = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.Sources.Insert(Math.Max(0, builder.Configuration.Sources.Count - 2),
            new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
                { InitialData = BotEnvFile.Read(builder.Configuration["BotEnvFile"] ?? "bot.env") });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:3978");

        var connectionString = await builder.AddStorageAsync(ct);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<OutboxStore>().AddSingleton<OutboxSignal>().AddSingleton<ChannelRouter>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddCards();
        services.AddSingleton<MessageRenderer>();
        services.AddSingleton<IChannelClient, LocalChannelClient>();
        services.AddHiring();
        services.AddJobs(connectionString, builder.Configuration);
        services.AddNudges(builder.Configuration);

        var app = builder.Build();
        await Migrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Logger, ct);
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapLocal();
        return app;
    }
}
