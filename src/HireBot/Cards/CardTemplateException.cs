namespace HireBot.Cards;

/// <summary>
/// A card template uses syntax the binder does not support, or a card cannot be loaded.
/// Thrown while templates load at start, so a bad template stops the host (and fails tests)
/// instead of rendering a broken card to a panelist.
/// </summary>
public sealed class CardTemplateException(string message) : Exception(message);
