using HireBot.Outbox;

namespace HireBot.Slack;

public static class SlackHostExtensions
{
    /// <summary>
    /// The Slack adapter as the host uses it. The endpoints are always mapped: with no signing
    /// secret they reject every request. Outbound delivery is on when a bot token or OAuth
    /// install is configured.
    /// </summary>
    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSlack(configuration);
        // Well inside the outbox lease (Outbox__LeaseSeconds), so a slow call cannot outlive its claim.
        services.AddHttpClient<SlackWebApiClient>().ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddHttpClient<SlackResponseUrlClient>().ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SlackHomeTeam>().AddHostedService(sp => sp.GetRequiredService<SlackHomeTeam>());
        services.AddSingleton<SlackWorkspaces>().AddSingleton<SlackPeople>();
        // Requests are stored while Slack waits and run by the inbox worker (the one Teams uses too).
        services.AddSingleton<SlackBot>().AddSingleton<SlackRequestHandler>(sp => sp.GetRequiredService<SlackBot>());
        services.AddSingleton<Inbox.IInboxHandler, SlackInboxHandler>();
        var probe = new SlackOptions();
        configuration.GetSection("Slack").Bind(probe);
        SlackServiceCollectionExtensions.ApplyFlatKeys(probe, configuration);
        if (probe.BotToken.Length > 0 || probe.OAuthEnabled)
        {
            services.AddSingleton<IChannelClient, SlackChannelClient>();
            services.AddSingleton<Hiring.IChannelReachCheck, SlackChannelReach>();
        }
        return services;
    }
}
