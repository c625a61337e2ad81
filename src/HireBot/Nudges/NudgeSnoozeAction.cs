using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HireBot.Core.Nudges;
using HireBot.Hiring;

namespace HireBot.Nudges;

/// <summary>
/// <c>nudge.snooze {interviewId, hours}</c> from the reminder card: the panelist may snooze once,
/// to a time within the feedback deadline (moved out of their quiet hours). The plan row records
/// the snooze (a second one is refused, also when two clicks race) and, in the same transaction,
/// the pair's pending reminder events move to the snoozed times.
/// </summary>
public sealed class NudgeSnoozeAction(NudgeStore store, TimeProvider clock, Microsoft.Extensions.Options.IOptions<NudgeOptions> options) : ICardActionFeature
{
    public IReadOnlyList<string> Verbs { get; } = ["nudge.snooze"];

    public async Task<BotReply> HandleAsync(Actor actor, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(data["interviewId"]?.ToString(), out var interviewId) || Hours(data["hours"]) is not { } hours)
            return BotReply.Error("A snooze needs `interviewId` and `hours`.");
        var email = actor.Email.ToLowerInvariant();
        var plan = await store.LoadAsync(interviewId, email, cancellationToken);
        if (plan is null) return BotReply.Error("There is no reminder for you on this interview.");
        if (plan.Done) return BotReply.Text("Your scorecard is already in; there is nothing to snooze.");

        var now = clock.GetUtcNow();
        var until = NudgeCadence.Snooze(now, hours, plan.SnoozedAt is not null, plan.Deadline, plan.Zone, plan.WorkingHours, options.Value.SnoozeHours);
        if (!until.IsOk) return BotReply.Error(until.Error!);
        var reminders = NudgeCadence.Snoozed(plan.Reminders, now, until.Value);
        if (!await store.SnoozeAsync(interviewId, email, now, until.Value, reminders, cancellationToken))
            return BotReply.Error("You already snoozed this reminder once; it can't be snoozed again.");

        var next = reminders.First(r => r.At == until.Value);
        // The reminder card stays, with its Open button: only the snooze is used up.
        var shown = Math.Max(1, reminders.Count(r => r.At <= now));
        var card = NudgeMessages.Reminder(plan, "", shown, next.Of, null, options.Value.SnoozeHours).Data;
        card["snoozed"] = $"Snoozed. Reminder {next.Number} of {next.Of} will come {NudgeMessages.Local(until.Value, plan.Zone)}.";
        return new BotReply("nudge", card, Replaces: true);
    }

    // Card data arrives as a number (Teams) or as the bound template string (Slack button value).
    private static double? Hours(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>()
        : double.TryParse(node?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var h) ? h : null;
}
