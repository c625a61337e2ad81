namespace HireBot.Core.Commands;

/// <summary>
/// One command of the grammar shared by Slack's <c>/hire …</c> and Teams' <c>@HireBot …</c>.
/// <see cref="Arguments"/> are positional (a trailing <c>*</c> takes the rest of the line);
/// <see cref="Keywords"/> are optional <c>keyword value</c> pairs such as <c>between 2026-12-01</c>.
/// </summary>
public sealed record CommandSpec(
    string Name,
    string Usage,
    string Summary,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Keywords)
{
    public int RequiredCount => Arguments.Count(a => !a.EndsWith('?'));
}
