namespace HireBot.Scorecards;

/// <summary>One person on an interview's panel. Shadows (trainees) watch and do not score.</summary>
public sealed record PanelSeat(string Email, bool IsShadow);
