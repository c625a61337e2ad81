namespace HireBot.Core.Roles;

/// <summary>People qualified to run a kind of round; trainees shadow and do not score.</summary>
public sealed record InterviewerPool(string Id, string Name, IReadOnlyList<string> Members, IReadOnlyList<string> Trainees);
