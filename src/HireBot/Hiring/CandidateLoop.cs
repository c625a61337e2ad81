using HireBot.Core.Loops;

namespace HireBot.Hiring;

/// <summary>A candidate with their current (or latest) loop: what most commands work on.</summary>
public sealed record CandidateLoop(
    Guid CandidateId,
    Guid RoleId,
    string Email,
    string Name,
    Guid LoopId,
    LoopState State,
    DateTimeOffset? Deadline,
    string? Decision);
