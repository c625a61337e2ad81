namespace HireBot.Core.Scorecards;

/// <summary>
/// Something a scorecard submission changes outside itself, written by the host in the
/// submission's transaction. A closed set: the records in this folder deriving from it.
/// </summary>
public abstract record ScorecardEffect
{
    private protected ScorecardEffect() { }
}
