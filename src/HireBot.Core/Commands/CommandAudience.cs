namespace HireBot.Core.Commands;

/// <summary>Who may run a command.</summary>
public enum CommandAudience
{
    /// <summary>Anyone in the workspace (help, listing roles, a panelist's own scorecards).</summary>
    Anyone,
    /// <summary>Recruiters and hiring managers of the role the command is about.</summary>
    RoleRecruiters,
}
