using HireBot.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>Registration of the Slack adapter; <see cref="SlackEndpoints.MapSlack"/> maps its routes.</summary>
public static class SlackExtensions
{
    /// <summary>
    /// The Slack adapter as the host uses it: the protocol (<see cref="AddSlackProtocol"/>), the bot
    /// that stores requests for the inbox worker, workspaces and people. The endpoints are always
    /// mapped: with no signing secret they reject every request. Outbound delivery is on when a bot
    /// token or OAuth install is configured.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSlackProtocol(configuration);
        services.AddSingleton<SlackHomeTeam>().AddHostedService(sp => sp.GetRequiredService<SlackHomeTeam>());
        services.AddSingleton<SlackWorkspaces>().AddSingleton<SlackPeople>();
        // Requests are stored while Slack waits and run by the inbox worker (the one Teams uses too).
        services.AddSingleton<SlackBot>().AddSingleton<SlackRequestHandler>(sp => sp.GetRequiredService<SlackBot>());
        services.AddSingleton<Inbox.IInboxHandler, SlackInboxHandler>();
        var probe = new SlackOptions();
        configuration.GetSection("Slack").Bind(probe);
        ApplyFlatKeys(probe, configuration);
        if (probe.BotToken.Length > 0 || probe.OAuthEnabled)
        {
            services.AddSingleton<IChannelClient, SlackChannelClient>();
            services.AddSingleton<Hiring.IChannelReachCheck, SlackChannelReach>();
        }
        return services;
    }

    /// <summary>
    /// The protocol alone, for a host that brings its own <see cref="SlackRequestHandler"/> (the
    /// adapter above, a test host): binds <see cref="SlackOptions"/> from the "Slack" section, then
    /// from the flat variables in <see cref="SlackOptions.Keys"/> (SLACK_SIGNING_SECRET, …), which
    /// win, validated at start; the signature verifier, rate limiter, token protector, install flow
    /// and the two HTTP clients, each registered once with its timeout.
    /// </summary>
    public static IServiceCollection AddSlackProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection("Slack"))
            .Configure(o => ApplyFlatKeys(o, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton<SlackRateLimiter>();
        services.TryAddSingleton<SlackTokenProtector>();
        // Well inside the outbox lease (Outbox__LeaseSeconds), so a slow call cannot outlive its claim.
        services.AddHttpClient<SlackWebApiClient>((sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl);
            http.Timeout = TimeSpan.FromSeconds(20);
        });
        services.AddHttpClient<SlackResponseUrlClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddTransient<SlackInstallFlow>();
        return services;
    }

    internal static void ApplyFlatKeys(SlackOptions o, IConfiguration configuration)
    {
        foreach (var (variable, property) in SlackOptions.Keys)
        {
            if (configuration[variable] is not { } value)
            {
                continue;
            }

            var list = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            switch (property)
            {
                case nameof(SlackOptions.SigningSecret): o.SigningSecret = value; break;
                case nameof(SlackOptions.BotToken): o.BotToken = value; break;
                case nameof(SlackOptions.ClientId): o.ClientId = value; break;
                case nameof(SlackOptions.ClientSecret): o.ClientSecret = value; break;
                case nameof(SlackOptions.ApiBaseUrl): o.ApiBaseUrl = value; break;
                case nameof(SlackOptions.AuthorizeUrl): o.AuthorizeUrl = value; break;
                case nameof(SlackOptions.OAuthRedirectUrl): o.OAuthRedirectUrl = value; break;
                case nameof(SlackOptions.TokenEncryptionKey): o.TokenEncryptionKey = value; break;
                case nameof(SlackOptions.ResponseUrlHosts): o.ResponseUrlHosts = list; break;
                case nameof(SlackOptions.AllowedTeamIds): o.AllowedTeamIds = list; break;
                case nameof(SlackOptions.MaxBodyBytes): o.MaxBodyBytes = int.TryParse(value, out var n) ? n : -1; break;
            }
        }
    }
}
