namespace HireBot.Core.Scorecards;

/// <summary>A rating on the rubric's scale for one competency, with the evidence behind it.</summary>
public sealed record CompetencyRating(string CompetencyId, int Rating, string Evidence);
