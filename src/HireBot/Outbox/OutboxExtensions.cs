namespace HireBot.Outbox;

public static class OutboxExtensions
{
    /// <summary>The outbox store, its dispatcher and the router that picks a channel per recipient.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.PollMilliseconds > 0 && o.BatchSize > 0 && o.MaxAttempts > 0 && o.LeaseSeconds > 0 && o.Concurrency > 0,
                "Outbox__PollMilliseconds, Outbox__BatchSize, Outbox__MaxAttempts, Outbox__LeaseSeconds and Outbox__Concurrency must be positive.")
            .ValidateOnStart();
        services.AddSingleton<OutboxStore>().AddSingleton<OutboxSignal>().AddSingleton<ChannelRouter>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
