using System.Text.Json;

namespace HireBot.Teams;

/// <summary>
/// A card button press. <see cref="IsInvoke"/> true: an <c>Action.Execute</c> invoke
/// (<c>adaptiveCard/action</c>); the HTTP answer must be a <see cref="TeamsInvokeResponse"/>, and a
/// card in it replaces the one shown. False: an <c>Action.Submit</c> message; no card can be
/// returned, update <see cref="ReplyToId"/> instead. <see cref="Data"/> already holds the inputs.
/// </summary>
/// <remarks>https://learn.microsoft.com/adaptive-cards/authoring-cards/universal-action-model</remarks>
/// <param name="Verb">Action.Execute's <c>verb</c>; for Action.Submit the <c>verb</c> property of the submitted data.</param>
/// <param name="ReplyToId">The id of the message holding the card.</param>
/// <param name="Trigger"><c>manual</c> (button) or <c>automatic</c> (refresh); null for Action.Submit.</param>
public sealed record TeamsCardAction(
    TeamsConversationReference Reference,
    string? ActivityId,
    bool IsInvoke,
    string Verb,
    JsonElement Data,
    string? ReplyToId,
    string? Trigger)
    : TeamsInbound(Reference, ActivityId);
