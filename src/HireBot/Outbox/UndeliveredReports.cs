using System.Text.Json.Nodes;
using HireBot.Cards;
using Npgsql;

namespace HireBot.Outbox;

/// <summary>
/// When a message about a loop finally fails, the loop's recruiters are told who was not reached,
/// with what, why, and what to do: one report per failed message and recruiter (keyed by the
/// failed message, so however often the failure is recorded it is reported once), written in the
/// transaction that marks the message failed. A report that fails is not reported in turn, and a
/// recruiter is not told about a message to themselves (they could not be reached either). A
/// panelist's reminders for one interview are reported once, not once per reminder.
/// </summary>
public static class UndeliveredReports
{
    /// <summary>Keys of report rows start with this; such rows are never reported again.</summary>
    public const string KeyPrefix = "undelivered:";

    public static bool IsReport(string key) => key.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>The verb of the Retry button on a report of a calendar invitation that could not be made (message.json).</summary>
    public const string RetryVerb = "calendar.retry";

    /// <summary>The reports for a failed row, joined to the caller's transaction; returns how many were new.</summary>
    public static async Task<int> EnqueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, Delivery failed, string reason, CancellationToken ct)
    {
        if (IsReport(failed.Key)) return 0;
        await using var cmd = new NpgsqlCommand(
            """
            SELECT c.name, c.email, r.recruiters,
                   (SELECT p.display_name FROM people p WHERE p.email = $2)
            FROM loops l JOIN candidates c ON c.id = l.candidate_id JOIN roles r ON r.id = c.role_id
            WHERE l.id = $1
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = Recipients.TryPerson(failed.Recipient, out var email) ? email : "" });
        string candidate, candidateEmail;
        string[] recruiters;
        string? name;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return 0;
            (candidate, candidateEmail, recruiters) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2));
            name = reader.IsDBNull(3) ? null : reader.GetString(3);
        }
        var messages = recruiters
            .Where(r => !string.Equals(Recipients.Person(r), failed.Recipient, StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(r => Report(failed, reason, loopId, r, candidate, candidateEmail, Who(failed.Recipient, name)))
            .ToList();
        return await OutboxStore.EnqueueAsync(conn, tx, messages, ct);
    }

    /// <summary>
    /// The report to one recruiter. A calendar invitation that could not be made, or an event whose
    /// attendees could not be changed, carries a Retry button (<see cref="RetryVerb"/>), which asks
    /// again for the loop's calendar changes still missing.
    /// </summary>
    public static OutboxMessage Report(Delivery failed, string reason, Guid loopId, string recruiter, string candidate, string candidateEmail, string who)
    {
        var what = What(failed.Kind, failed.Data, candidate);
        var report = new JsonObject
        {
            ["title"] = $"Not delivered: {what}",
            ["text"] = $"{who} did not get {what}: {Reason(reason)}. {(Advice(reason) is { Length: > 0 } advice ? advice + " " : "")}`status {candidateEmail}` lists every message of this loop that did not arrive.",
            ["facts"] = new JsonArray(
                new JsonObject { ["title"] = "Not reached", ["value"] = who },
                new JsonObject { ["title"] = "Why", ["value"] = Reason(reason) }),
        };
        if (failed.Kind is Scheduling.CalendarEffects.CreateKind or Scheduling.CalendarEffects.UpdateKind) report["retry"] = new JsonObject { ["loopId"] = loopId.ToString() };
        return new OutboxMessage($"{KeyPrefix}{About(failed)}:{recruiter.ToLowerInvariant()}", Recipients.Person(recruiter), CardNames.Message, report, LoopId: loopId);
    }

    /// <summary>
    /// What a report is keyed by: the failed message, except that a panelist's reminders for one
    /// interview (up to three planned, and any manual nudges) are one thing to report.
    /// </summary>
    public static string About(Delivery failed) =>
        failed.Kind == CardNames.Nudge && failed.Data["interviewId"]?.GetValue<string>() is { Length: > 0 } interview
            ? $"nudge:{interview}:{failed.Recipient}"
            : failed.Key;

    /// <summary>Who a recipient is, in words: "Grace Hopper (grace@example.com)" or "the hiring channel".</summary>
    public static string Who(string recipient, string? displayName) =>
        Recipients.TryPerson(recipient, out var email)
            ? Hiring.PersonName.WithEmail(email, displayName)
            : Recipients.TryConversation(recipient, out var channel, out _) ? channel switch { Ats.AtsExport.Channel => "The ATS", "calendar" => "The calendar", _ => "the hiring channel" } : "someone";

    /// <summary>What a message was, in words, from its card kind and data.</summary>
    public static string What(string kind, JsonObject data, string candidate)
    {
        var round = data["round"]?.GetValue<string>() is { Length: > 0 } r ? $" ({r})" : "";
        return kind switch
        {
            CardNames.Kit => $"the interview kit for {candidate}{round}",
            CardNames.Scorecard => $"the scorecard request for {candidate}{round}",
            CardNames.Nudge => $"the scorecard reminder for {candidate}{round}",
            CardNames.Digest => $"the hiring digest for {candidate}",
            CardNames.Decision => $"the decision for {candidate}",
            Ats.AtsExport.ScorecardKind => $"a scorecard for {candidate} (version {data["version"]})",
            Ats.AtsExport.DecisionKind => $"the decision for {candidate}",
            _ when kind.StartsWith("calendar.", StringComparison.Ordinal) => $"the calendar invitation for {candidate}{round}",
            _ when data["title"]?.GetValue<string>() is { Length: > 0 } title => $"the message \"{title}\" about {candidate}",
            _ => $"a message about {candidate}",
        };
    }

    /// <summary>The channel client's reason, without the dispatcher's bookkeeping prefix.</summary>
    public static string Reason(string reason) => reason.TrimEnd('.', ' ');

    /// <summary>What the recruiter can do about a failure, from the reason the platform gave.</summary>
    public static string Advice(string reason)
    {
        bool Has(string s) => reason.Contains(s, StringComparison.OrdinalIgnoreCase);
        // The channel clients' own reasons often say what to do already; saying it twice helps nobody.
        if (Has("Ask them") || Has("invite @HireBot") || Has("add HireBot again") || Has("reinstall it")) return "";
        if (Has("in Teams yet") || Has("not opened HireBot") || Has("conversation not found") || Has("ConversationNotFound"))
            return "Ask them to open a chat with HireBot in Teams once (or add the app to a team they are in); later messages will reach them.";
        if (Has("not_in_channel"))
            return "Invite the bot to the channel (`/invite @HireBot`), or pick another one with `role channel`.";
        if (Has("channel_not_found") || Has("is_archived"))
            return "The channel is gone, archived or private to the bot: set the role's channel again with `role channel`.";
        if (Has("users_not_found") || Has("user_not_found") || Has("account_inactive"))
            return "The chat platform has no active account with this email: check the address, or tell them yourself.";
        if (Has("no Slack token") || Has("invalid_auth") || Has("token_revoked") || Has("not_authed"))
            return "HireBot is no longer installed in that Slack workspace: reinstall it.";
        if (Has("gave up after"))
            return "The platform kept failing; tell them yourself, or check that the platform is up.";
        return "Tell them yourself, or fix how they are reached.";
    }
}
