namespace HireBot.Core.Scorecards;

/// <summary>What a submitted form came to.</summary>
public enum SubmissionKind
{
    /// <summary>The form has errors: nothing is stored and the form is shown again with them.</summary>
    Invalid,
    /// <summary>The same content as the stored version (a double click, a replayed request): nothing is stored.</summary>
    Repeated,
    /// <summary>The panelist's first version.</summary>
    Submitted,
    /// <summary>A new version replacing the stored one.</summary>
    Amended,
}
