namespace HireBot.Core.Rubrics;

/// <summary>
/// An anchored scale: each point has a label and a description of what earns it. The built-in
/// scale has four points, so a panelist cannot sit on a neutral middle.
/// </summary>
public sealed record RatingScale(IReadOnlyList<RatingAnchor> Anchors)
{
    public int Min => Anchors.Min(a => a.Value);
    public int Max => Anchors.Max(a => a.Value);

    public bool Contains(int value) => Anchors.Any(a => a.Value == value);

    public static RatingScale FourPoint { get; } = new(
    [
        new(1, "Strong no", "Clear evidence against: the competency is missing or a red flag was shown."),
        new(2, "Leaning no", "Some relevant evidence, but below the bar for the level."),
        new(3, "Leaning yes", "Solid evidence that meets the bar for the level."),
        new(4, "Strong yes", "Evidence clearly above the bar, with depth the panelist can cite."),
    ]);
}
