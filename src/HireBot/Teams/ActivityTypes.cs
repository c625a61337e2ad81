namespace HireBot.Teams;

/// <summary>Activity <c>type</c> and invoke <c>name</c> values HireBot handles.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
}
