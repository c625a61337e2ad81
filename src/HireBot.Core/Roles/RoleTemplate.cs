using HireBot.Core.Rubrics;

namespace HireBot.Core.Roles;

/// <summary>
/// What a role is hired against: its rubric, its loop, and the interviewer pools the rounds
/// draw from. Users copy the built-in template, edit it and import it.
/// </summary>
public sealed record RoleTemplate(
    string Id,
    string Title,
    string Level,
    Rubric Rubric,
    LoopTemplate Loop,
    IReadOnlyList<InterviewerPool> Pools);
