using HireBot.Outbox;

namespace HireBot.Local;

public static class LocalExtensions
{
    /// <summary>The local channel: its client (the outbox's "platform" when none is configured), its inbox handler and the long polls' signal.</summary>
    public static IServiceCollection AddLocalChannel(this IServiceCollection services)
    {
        services.AddSingleton<LocalDeliveries>();
        services.AddSingleton<IChannelClient, LocalChannelClient>();
        services.AddSingleton<Inbox.IInboxHandler, LocalInboxHandler>();
        return services;
    }
}
