namespace HireBot.Core.Scorecards;

/// <summary>A panelist's overall recommendation. Four points: no neutral option.</summary>
public enum Recommendation
{
    StrongNo = 1,
    No = 2,
    Yes = 3,
    StrongYes = 4,
}
