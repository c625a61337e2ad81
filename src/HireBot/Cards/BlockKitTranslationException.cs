namespace HireBot.Cards;

/// <summary>
/// The card uses something Block Kit cannot express (an element or action type, an input in a
/// message, an identifier or action data over Slack's limit). The convention tests translate every
/// template, so this surfaces while developing, never as a rejected post.
/// </summary>
public sealed class BlockKitTranslationException(string message) : Exception(message);
