using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>DI for the Slack adapter; the host adds its own scoped <see cref="SlackRequestHandler"/>.</summary>
public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SlackOptions"/> from the "Slack" section, then from the flat variables in
    /// <see cref="SlackOptions.Keys"/> (SLACK_SIGNING_SECRET, …), which win. Validated at start.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
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
        services.AddHttpClient<SlackWebApiClient>((sp, http) =>
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl));
        services.AddHttpClient<SlackResponseUrlClient>();
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
