namespace HireBot.Core;

/// <summary>
/// How much a user may send in one go. Every limit is checked where the input is read, with an error
/// that names the field, the limit and how long the input was, so nothing unbounded reaches storage,
/// cards or the scheduler.
/// </summary>
public static class InputLimits
{
    /// <summary>One command's text (a <c>role import</c> with a full template fits).</summary>
    public const int CommandChars = 20_000;

    /// <summary>A role template as JSON.</summary>
    public const int TemplateChars = 64 * 1024;

    public const int TemplateRounds = 12;
    public const int TemplateDimensions = 12;
    public const int TemplateCompetencies = 40;
    public const int TemplatePools = 20;
    public const int TemplateScalePoints = 10;

    /// <summary>Entries of one list in a template (focus, questions, red flags).</summary>
    public const int TemplateListItems = 30;

    /// <summary>Members (or trainees) of one interviewer pool.</summary>
    public const int PoolMembers = 200;

    public const int IdChars = 64;
    public const int NameChars = 200;

    /// <summary>Descriptions, "strong" answers, questions and other free text in a template.</summary>
    public const int TextChars = 2_000;

    /// <summary>Evidence for one competency on a scorecard.</summary>
    public const int EvidenceChars = 5_000;

    /// <summary>The reason given with <c>decide</c>.</summary>
    public const int DecisionReasonChars = 2_000;

    public static string TooLong(string what, int length, int limit) =>
        $"{what} is {length} characters long; the limit is {limit}.";
}
