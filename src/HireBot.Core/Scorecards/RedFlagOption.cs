namespace HireBot.Core.Scorecards;

/// <summary>A red flag a panelist may tick: a stable short value for the card input and the rubric's wording.</summary>
public sealed record RedFlagOption(string Value, string Title);
