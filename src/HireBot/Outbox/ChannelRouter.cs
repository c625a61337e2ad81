using Npgsql;

namespace HireBot.Outbox;

/// <summary>
/// Picks the channel client for a recipient. A conversation names its platform; a person is
/// reached on the platform where the bot knows them (Teams, then Slack); someone the bot has
/// never met goes to the configured platform (which looks them up by email), or to the local
/// channel when no platform is configured.
/// </summary>
public sealed class ChannelRouter(IEnumerable<IChannelClient> clients, HireBot.Organisations.OrgDb db)
{
    /// <summary>Where someone the bot has never met is looked up, in order.</summary>
    private static readonly string[] Platforms = ["teams", "slack"];
    private readonly Dictionary<string, IChannelClient> _clients = clients.ToDictionary(c => c.Channel);

    public async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken ct)
    {
        var channel = await ChannelForAsync(delivery.Recipient, ct);
        return channel is not null && _clients.TryGetValue(channel, out var client)
            ? await client.DeliverAsync(delivery, ct)
            : new DeliveryResult.Failed(channel is null ? "unknown recipient form" : $"no channel client for '{channel}'");
    }

    private async Task<string?> ChannelForAsync(string recipient, CancellationToken ct)
    {
        if (Recipients.TryConversation(recipient, out var channel, out _)) return channel;
        if (!Recipients.TryPerson(recipient, out var email)) return null;
        await using var cmd = db.CreateCommand(
            "SELECT channel FROM chat_identities WHERE email = $1 AND channel <> 'local' ORDER BY (channel = 'teams') DESC, updated_at DESC LIMIT 1");
        cmd.Parameters.Add(new() { Value = email });
        var found = await cmd.ExecuteScalarAsync(ct) as string;
        if (found is not null && _clients.ContainsKey(found)) return found;
        return Platforms.FirstOrDefault(_clients.ContainsKey) ?? "local";
    }
}
