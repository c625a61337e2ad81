namespace HireBot.Core.Decisions;

/// <summary>What the decision rule recommends to the hiring team; the final call stays human.</summary>
public enum Verdict
{
    NeedsDiscussion = 0,
    Hire = 1,
    NoHire = 2,
}
