namespace HireBot.Slack;

/// <summary>
/// Implemented by the host to receive verified, parsed Slack requests. Contract: each method runs
/// inside Slack's 3 s deadline, so it calls no third party (Slack's Web API, a response_url, a
/// calendar): it stores the request in the inbox, or answers from the database alone where Slack
/// takes the answer only from the acknowledgement (a modal's validation errors), and returns.
/// Exceptions become HTTP 500 and, for events, a Slack retry with the same event_id.
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
