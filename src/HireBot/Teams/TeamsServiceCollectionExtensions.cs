using Microsoft.Extensions.Options;

namespace HireBot.Teams;

/// <summary>DI registration of the Teams adapter.</summary>
public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TeamsOptions"/> from the <c>Teams</c> section (validated at start) and
    /// registers the authenticator, key cache, trusted serviceUrls, token provider, connector client
    /// (typed <see cref="HttpClient"/>) and rate limiter as singletons. Needs a <see cref="TimeProvider"/>
    /// (registers <see cref="TimeProvider.System"/> if none). Named clients
    /// <see cref="BotFrameworkKeys.HttpClientName"/> and <see cref="ConnectorTokenProvider.HttpClientName"/>
    /// can be configured further by the host (tests trust their loopback certificate there).
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.TryAddSingletonTimeProvider();
        services.AddHttpClient(BotFrameworkKeys.HttpClientName);
        services.AddHttpClient(ConnectorTokenProvider.HttpClientName);
        services.AddHttpClient<BotConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<BotFrameworkKeys>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<BotFrameworkAuthenticator>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<TeamsRateLimiter>();
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
