namespace HireBot.Teams;

/// <summary>
/// The HTTP answer to an invoke: HTTP 200 whose body is <c>{statusCode, type, value}</c>.
/// Teams shows a card response in place of the card that was clicked.
/// </summary>
/// <remarks>https://learn.microsoft.com/adaptive-cards/authoring-cards/universal-action-model#response-format</remarks>
public sealed record TeamsInvokeResponse(int HttpStatus, TeamsInvokeResponseBody? Body)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>Replace the clicked card with <paramref name="card"/> (a bound Adaptive Card object).</summary>
    public static TeamsInvokeResponse Card(object card) => new(200, new TeamsInvokeResponseBody(200, CardType, card));

    /// <summary>Show a short text to the user who clicked.</summary>
    public static TeamsInvokeResponse Message(string text) => new(200, new TeamsInvokeResponseBody(200, MessageType, text));

    /// <summary>A failure Teams shows as an error; <paramref name="code"/> e.g. <c>BadRequest</c>, <c>NotSupported</c>.</summary>
    public static TeamsInvokeResponse Error(string code, string message, int statusCode = 400) =>
        new(200, new TeamsInvokeResponseBody(statusCode, ErrorType, new TeamsInvokeError(code, message)));

    /// <summary>No handler produced an answer (what botbuilder does for unhandled invokes).</summary>
    public static TeamsInvokeResponse NotImplemented { get; } = new(501, null);
}
