namespace HireBot.Hiring;

/// <summary>
/// Whether the bot can post to a hiring channel, asked of the platform before the channel is
/// saved. <see cref="Shown"/> is how people know the channel (<c>#hiring-be</c>); when the bot
/// cannot post, <see cref="Problem"/> says why and what to do.
/// </summary>
public sealed record ChannelReach(bool CanPost, string Shown, string? Problem = null)
{
    public static ChannelReach Refused(string shown, string problem) => new(false, shown, problem);
}

/// <summary>
/// A platform's check that the bot can post in one of its conversations (Slack: conversations.info,
/// joining public channels; Teams: a conversation the bot is installed in or has heard from). It may
/// call the platform, so it runs on a background path, never inside a request the platform is waiting
/// on. The local channel has no check and accepts the channel as typed.
/// </summary>
public interface IChannelReachCheck
{
    /// <summary>The platform whose recipients this checks ("slack").</summary>
    string Channel { get; }

    /// <summary>Checks (and where it can, fixes) the bot's access to <paramref name="recipient"/>, an outbox conversation recipient.</summary>
    Task<ChannelReach> CheckAsync(string recipient, CancellationToken ct);
}
