namespace HireBot.Slack;

/// <summary>
/// Implemented by the host (registered scoped in DI) to receive verified, parsed Slack requests.
/// Contract: each method runs inside Slack's 3 s deadline, so it stores state and outbox rows in
/// one transaction and returns; anything slow (Web API calls other than views.open, which must use
/// the 3 s trigger_id at once) belongs to the outbox dispatcher or, for a command whose answer needs
/// it (schedule, checking a hiring channel), to <see cref="SlackSlowCommandJob"/> answering on the
/// response_url. The one Slack call allowed before answering is users.info for someone not yet
/// known, under <see cref="SlackBot.IdentityBudget"/>. Exceptions become HTTP 500 and,
/// for events, a Slack retry with the same event_id.
/// </summary>
public abstract class SlackRequestHandler
{
    /// <summary>A slash command; return an ephemeral or in-channel reply, or <see cref="SlackAck.Empty"/>.</summary>
    public abstract Task<SlackAck> OnCommandAsync(SlackCommand command, CancellationToken ct);

    /// <summary>A <see cref="SlackBlockAction"/>, <see cref="SlackViewSubmission"/> or <see cref="SlackViewClosed"/>.</summary>
    public abstract Task<SlackAck> OnInteractionAsync(SlackInteraction interaction, CancellationToken ct);

    /// <summary>An event_callback; deduplicate on EventId with a unique key (retries reuse it).</summary>
    public abstract Task OnEventAsync(SlackEventCallback callback, CancellationToken ct);

    /// <summary>A completed OAuth install; upsert by TeamId.</summary>
    public abstract Task OnInstalledAsync(SlackInstallation installation, CancellationToken ct);
}
