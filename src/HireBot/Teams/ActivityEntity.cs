namespace HireBot.Teams;

/// <summary>
/// An entry of <c>activity.entities</c>: a <c>mention</c> (with <see cref="Mentioned"/> and the
/// <c>&lt;at&gt;…&lt;/at&gt;</c> <see cref="Text"/>) or Teams' <c>clientInfo</c> (locale, time zone).
/// </summary>
public sealed record ActivityEntity
{
    public string? Type { get; init; }
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }
    public string? Locale { get; init; }
    public string? Timezone { get; init; }
}
