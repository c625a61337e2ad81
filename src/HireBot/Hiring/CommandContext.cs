using HireBot.Core.Access;
using HireBot.Core.Commands;
using HireBot.Core.Roles;

namespace HireBot.Hiring;

/// <summary>
/// A parsed command with the role and candidate it names already loaded and <see cref="Access"/>
/// granted by <see cref="Permissions"/> (which also says whether the actor may see people's emails).
/// </summary>
public sealed record CommandContext(Actor Actor, Command Command, Role? Role, CandidateLoop? Candidate, AccessVerdict Access);
