using System.Text.Json.Nodes;

namespace HireBot.Hiring;

/// <summary>
/// What the bot answers to a command or a card action: a card template and its data.
/// <see cref="Public"/> replies are meant for the whole channel; the rest are shown only to the
/// person who asked (Slack ephemeral). <see cref="Replaces"/> asks the adapter to replace the
/// card the action came from (Teams invoke response, Slack chat.update / views.update).
/// </summary>
public sealed record BotReply(string Kind, JsonObject Data, bool Public = false, bool Replaces = false, bool IsError = false)
{
    public static BotReply Text(string text, bool isError = false) => new("message", new JsonObject { ["text"] = text }, IsError: isError);

    public static BotReply Error(string text) => Text(text, isError: true);

    /// <summary>Plain text for surfaces that cannot show the card (logs of the demo, Slack fallbacks).</summary>
    public string Summary => Data["text"]?.GetValue<string>() ?? Data["title"]?.GetValue<string>() ?? Kind;
}
