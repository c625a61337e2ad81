using ScottPlot;

namespace HireBot.Charts;

/// <summary>
/// The typeface charts use, loaded from a file so text renders the same on every machine and never
/// depends on what the system's font lookup returns: <c>Charts__FontFile</c> (and
/// <c>Charts__BoldFontFile</c>) when set, else DejaVu Sans (Debian's <c>fonts-dejavu-core</c>,
/// which .ci/run installs when missing), else Liberation Sans. With none of them, ScottPlot's default
/// lookup is used and <see cref="Found"/> is false (the bot logs it at start).
/// </summary>
public sealed class ChartFonts
{
    public const string Family = "HireBot Sans";

    private static readonly string[] Regular =
        ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"];

    private static readonly string[] Bold =
        ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"];

    private static readonly Lock Gate = new();

    public ChartFonts(string? regular = null, string? bold = null)
    {
        RegularFile = regular is { Length: > 0 } ? regular : Regular.FirstOrDefault(File.Exists);
        BoldFile = bold is { Length: > 0 } ? bold : Bold.FirstOrDefault(File.Exists) ?? RegularFile;
        if (RegularFile is null || !File.Exists(RegularFile)) return;
        lock (Gate)
        {
            Fonts.AddFontFile(Family, RegularFile, bold: false, italic: false);
            Fonts.AddFontFile(Family, RegularFile, bold: false, italic: true);
            if (BoldFile is not null && File.Exists(BoldFile))
            {
                Fonts.AddFontFile(Family, BoldFile, bold: true, italic: false);
                Fonts.AddFontFile(Family, BoldFile, bold: true, italic: true);
            }
        }
        Found = true;
    }

    public string? RegularFile { get; }

    public string? BoldFile { get; }

    public bool Found { get; }

    public void Apply(Plot plot)
    {
        if (Found) plot.Font.Set(Family);
    }
}
