namespace HireBot.Outbox;

/// <summary>A platform the dispatcher can deliver to: Local, Slack, Teams.</summary>
public interface IChannelClient
{
    /// <summary>The channel name used in chat identities and conversation recipients.</summary>
    string Channel { get; }

    Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken cancellationToken);
}
