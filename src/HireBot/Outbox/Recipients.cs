namespace HireBot.Outbox;

/// <summary>How outbox rows name who receives them, independent of the platform.</summary>
public static class Recipients
{
    /// <summary>A person's direct chat with the bot, on whichever platform they use.</summary>
    public static string Person(string email) => "person:" + email.Trim().ToLowerInvariant();

    /// <summary>A channel or group conversation on one platform: <c>conversation:slack:C123</c>.</summary>
    public static string Conversation(string channel, string conversationId) => $"conversation:{channel}:{conversationId}";

    public static bool TryPerson(string recipient, out string email)
    {
        email = recipient.StartsWith("person:", StringComparison.Ordinal) ? recipient[7..] : "";
        return email.Length > 0;
    }

    public static bool TryConversation(string recipient, out string channel, out string conversationId)
    {
        channel = conversationId = "";
        if (!recipient.StartsWith("conversation:", StringComparison.Ordinal)) return false;
        var rest = recipient[13..];
        var colon = rest.IndexOf(':');
        if (colon <= 0) return false;
        channel = rest[..colon];
        conversationId = rest[(colon + 1)..];
        return conversationId.Length > 0;
    }
}
