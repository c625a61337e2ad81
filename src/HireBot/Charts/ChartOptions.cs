namespace HireBot.Charts;

/// <summary>
/// <see cref="PublicUrl"/> (the top-level <c>PublicUrl</c> setting): the bot's address as Teams and Slack
/// reach it (https://…), which chart image URLs start with; empty, the first address the bot listens on (local mode).
/// <c>Charts__UrlDays</c>: how long a chart's signed URL and its stored image live.
/// <c>Charts__SigningKey</c>: the HMAC key for chart URLs (base64 of 32 random bytes); empty, one is
/// derived from the Slack or Bot Framework secret (<see cref="ChartUrls"/>).
/// <c>Charts__FontFile</c> / <c>Charts__BoldFontFile</c>: a TrueType font to draw with (<see cref="ChartFonts"/>).
/// </summary>
public sealed class ChartOptions
{
    public const string Section = "Charts";

    /// <summary>From the top-level <c>PublicUrl</c> setting (<see cref="Configuration.PublicAddress"/>), not from this section.</summary>
    public string PublicUrl { get; set; } = "";

    public double UrlDays { get; set; } = 30;

    public string SigningKey { get; set; } = "";

    public string FontFile { get; set; } = "";

    public string BoldFontFile { get; set; } = "";
}
