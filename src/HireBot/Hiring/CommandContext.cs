using HireBot.Core.Commands;
using HireBot.Core.Roles;

namespace HireBot.Hiring;

/// <summary>A parsed command with the role and candidate it names already loaded and the actor's rights checked.</summary>
public sealed record CommandContext(Actor Actor, Command Command, Role? Role, CandidateLoop? Candidate);
