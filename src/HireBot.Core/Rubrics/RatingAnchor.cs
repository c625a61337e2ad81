namespace HireBot.Core.Rubrics;

/// <summary>One point of a rating scale with the description that anchors it.</summary>
public sealed record RatingAnchor(int Value, string Label, string Description);
