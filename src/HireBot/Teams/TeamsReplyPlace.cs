using HireBot.Core.Commands;

namespace HireBot.Teams;

/// <summary>
/// Which command answers may be shown in a channel or group chat. Everyone there reads the
/// answer, and nothing says they are members of the role: answers about candidates (their loops,
/// schedules, scorecards and decisions) and about the sender's own work (<c>status</c>) go to the
/// sender's 1:1 chat. Help and role setup are answered where they were asked.
/// </summary>
public static class TeamsReplyPlace
{
    /// <summary>Said in the conversation when the answer went to the 1:1 chat.</summary>
    public const string SentPrivately = "I sent my answer to you in our 1:1 chat, because it is about candidates or your own interviews.";

    private static readonly string[] AnsweredInPlace = ["help", "role create", "role list", "role show", "role export", "role import", "role add", "role channel"];

    /// <summary>True when the command's answer belongs in the sender's 1:1 chat.</summary>
    public static bool IsPrivate(string commandText)
    {
        var words = string.Join(' ', commandText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        var name = CommandCatalog.All.Select(s => s.Name)
            .Where(n => words == n || words.StartsWith(n + " ", StringComparison.Ordinal))
            .MaxBy(n => n.Length);
        // Text that names no command gets the usage answer, which is not private.
        return name is not null && !AnsweredInPlace.Contains(name);
    }
}
