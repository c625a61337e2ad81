using HireBot.Outbox;

namespace HireBot.Teams;

public static class TeamsHostExtensions
{
    /// <summary>
    /// The Teams adapter as the host uses it. /api/messages is always mapped: unconfigured it
    /// rejects every request; in local mode it accepts loopback tools without tokens.
    /// </summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTeams(configuration);
        // Two calls at most per delivery (open a 1:1 chat, then send): both well inside the outbox lease.
        services.AddHttpClient<BotConnectorClient>().ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(20));
        services.PostConfigure<TeamsOptions>(o => ApplyBotFrameworkNames(o, configuration));
        services.AddSingleton<TeamsDirectory>().AddSingleton<TeamsBot>().AddSingleton<TeamsRoster>().AddSingleton<TeamsAppInstaller>();
        services.AddSingleton<Hiring.IChannelReachCheck, TeamsChannelReach>();
        services.AddSingleton<Inbox.IInboxHandler, TeamsInboxHandler>();
        services.AddSingleton<Inbox.IInboxHandler, TeamsRosterInboxHandler>();
        services.AddSingleton<Inbox.IInboxHandler, TeamsPendingInboxHandler>();
        var probe = configuration.GetSection(TeamsOptions.SectionName).Get<TeamsOptions>() ?? new TeamsOptions();
        ApplyBotFrameworkNames(probe, configuration);
        if (probe.IsConnected || probe.IsLocalMode) services.AddSingleton<IChannelClient, TeamsChannelClient>();
        return services;
    }

    /// <summary>The Bot Framework's own setting names (MicrosoftAppId, …) at the top level win over Teams__….</summary>
    private static void ApplyBotFrameworkNames(TeamsOptions o, IConfiguration configuration)
    {
        if (configuration["MicrosoftAppId"] is { Length: > 0 } id) o.MicrosoftAppId = id;
        if (configuration["MicrosoftAppPassword"] is { Length: > 0 } password) o.MicrosoftAppPassword = password;
        if (configuration["MicrosoftAppTenantId"] is { Length: > 0 } tenant) o.MicrosoftAppTenantId = tenant;
        if (configuration["MicrosoftAppType"] is { Length: > 0 } type && Enum.TryParse<TeamsAppType>(type, true, out var parsed)) o.MicrosoftAppType = parsed;
    }

    public static IEndpointRouteBuilder MapTeamsChannel(this IEndpointRouteBuilder app)
    {
        app.MapTeams(TeamsBot.HandleAsync);
        return app;
    }
}
