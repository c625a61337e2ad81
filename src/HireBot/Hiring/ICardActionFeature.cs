using System.Text.Json.Nodes;

namespace HireBot.Hiring;

/// <summary>A feature that answers card actions (Teams Action.Execute verbs, Slack buttons and modal submissions).</summary>
public interface ICardActionFeature
{
    IReadOnlyList<string> Verbs { get; }

    /// <summary>
    /// Handles one action. <paramref name="data"/> is the action's data merged with the card's
    /// inputs. A retried or double-clicked action must not act twice: features key their writes.
    /// </summary>
    Task<BotReply> HandleAsync(Actor actor, string verb, JsonObject data, CancellationToken cancellationToken);
}
