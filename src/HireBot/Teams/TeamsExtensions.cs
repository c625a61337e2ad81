using HireBot.Outbox;
using Microsoft.Extensions.Options;

namespace HireBot.Teams;

/// <summary>Registration of the Teams adapter and its endpoint.</summary>
public static class TeamsExtensions
{
    /// <summary>
    /// The Teams adapter as the host uses it: the protocol (<see cref="AddTeamsProtocol"/>), the bot,
    /// directory, roster, app installer, channel reach check and inbox handlers. Outbound delivery is
    /// on when the bot is connected (or in local mode). /api/messages is always mapped: unconfigured
    /// it rejects every request; in local mode it accepts loopback tools without tokens.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTeamsProtocol(configuration);
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

    /// <summary>Maps /api/messages to the bot (<see cref="TeamsBot.HandleAsync"/>).</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        app.MapTeams(TeamsBot.HandleAsync);
        return app;
    }

    /// <summary>
    /// The protocol alone, for a host that brings its own handler (the adapter above, a test host):
    /// binds <see cref="TeamsOptions"/> from the <c>Teams</c> section (validated at start) and
    /// registers the authenticator, key cache, trusted serviceUrls, token provider, connector client
    /// (typed <see cref="HttpClient"/>, registered once with its timeout) and rate limiter as
    /// singletons. Needs a <see cref="TimeProvider"/> (registers <see cref="TimeProvider.System"/> if
    /// none). Named clients <see cref="BotFrameworkKeys.HttpClientName"/> and
    /// <see cref="ConnectorTokenProvider.HttpClientName"/> can be configured further by the host
    /// (tests trust their loopback certificate there).
    /// </summary>
    public static IServiceCollection AddTeamsProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.TryAddSingletonTimeProvider();
        services.AddHttpClient(BotFrameworkKeys.HttpClientName);
        services.AddHttpClient(ConnectorTokenProvider.HttpClientName);
        // Two calls at most per delivery (open a 1:1 chat, then send): both well inside the outbox lease.
        services.AddHttpClient<BotConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<BotFrameworkKeys>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<BotFrameworkAuthenticator>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<TeamsRateLimiter>();
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

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
