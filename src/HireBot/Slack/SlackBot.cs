using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HireBot.Cards;
using HireBot.Core.Commands;
using HireBot.Hiring;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Slack;

/// <summary>
/// Slack's side of the bot: turns verified Slack requests into commands and card actions and
/// their replies into Slack answers. Slash-command replies are ephemeral unless meant for the
/// channel; cards with inputs open as modals on the request's trigger_id (valid for 3 s, so
/// views.open is the one Web API call made before acknowledging).
/// </summary>
public sealed partial class SlackBot(
    CommandHandler commands, CardActionHandler actions, SlackPeople people, SlackWorkspaces workspaces,
    SlackWebApiClient api, SlackResponseUrlClient responses, MessageRenderer renderer, BlockKitTranslator translator,
    NpgsqlDataSource db, Organisations.OrgDb orgDb, Organisations.OrganisationDirectory organisations,
    Microsoft.Extensions.Options.IOptions<SlackOptions> options, Quartz.ISchedulerFactory schedulers,
    SlackHomeTeam home, SlackJobDataSeal seal, TimeProvider clock, OutboxSignal signal) : SlackRequestHandler
{
    private const string NotAdmitted = "This workspace is not set up to use HireBot.";
    private const string Connecting = "HireBot is still connecting to Slack; try again in a minute.";

    /// <summary>Null when the team is admitted, else the answer: refused, or (single-workspace, token's team not yet known) try again.</summary>
    private SlackAck? Refusal(string? teamId)
    {
        var o = options.Value;
        if (o.AdmitsTeam(teamId, home.TeamId)) return null;
        return o.AllowedTeamIds.Length == 0 && home.Pending ? SlackAck.Ephemeral(Connecting) : SlackAck.Ephemeral(NotAdmitted);
    }

    public override async Task<SlackAck> OnCommandAsync(SlackCommand command, CancellationToken ct)
    {
        if (Refusal(command.TeamId) is { } refused) return refused;
        // Everything from here on belongs to the workspace's organisation (on Enterprise Grid, the enterprise's).
        using var org = Organisations.OrgScope.Enter(await organisations.ForSlackAsync(command.TeamId, command.EnterpriseId, ct));
        var text = Unescape(command.Text);
        // help and a command that does not parse need nobody's identity: they answer without calling Slack.
        var parsed = CommandParser.Parse(text);
        if (!parsed.IsOk) return SlackAck.Ephemeral(parsed.Error!);
        if (parsed.Value!.Name == "help")
            return await AnswerAsync(await commands.HandleAsync(Anyone(command.TeamId, command.ChannelId), text, ct), command.TeamId, command.TriggerId, ct);

        Actor? actor;
        try { actor = await ActorWithinAckAsync(command.TeamId, command.UserId, command.ChannelId, ct); }
        catch (SlackApiException e) when (e.Kind != SlackFailureKind.Final) { return SlackAck.Ephemeral(SlackBusy); }
        if (actor is null) return SlackAck.Ephemeral(NoEmail);
        if (SlackSlowCommandJob.RunsInBackground(parsed.Value) && command.ResponseUrl is { Length: > 0 } responseUrl)
        {
            await SlackSlowCommandJob.EnqueueAsync(await schedulers.GetScheduler(ct), seal, actor, text, responseUrl, ct);
            return SlackAck.Ephemeral(SlackSlowCommandJob.Acknowledgement(parsed.Value));
        }
        var reply = await commands.HandleAsync(actor, text, ct);
        return await AnswerAsync(reply, command.TeamId, command.TriggerId, ct);
    }

    public override async Task<SlackAck> OnInteractionAsync(SlackInteraction interaction, CancellationToken ct)
    {
        if (Refusal(interaction.TeamId) is { } refused) return refused;
        using var org = Organisations.OrgScope.Enter(await organisations.ForSlackAsync(interaction.TeamId, interaction.EnterpriseId, ct));
        Actor? actor;
        try { actor = await ActorWithinAckAsync(interaction.TeamId, interaction.UserId, (interaction as SlackBlockAction)?.ChannelId, ct); }
        catch (SlackApiException e) when (e.Kind != SlackFailureKind.Final) { return SlackAck.Ephemeral(SlackBusy); }
        if (actor is null) return SlackAck.Ephemeral(NoEmail);
        switch (interaction)
        {
            case SlackBlockAction click:
            {
                var verb = click.ActionId.Split('#')[0];
                var data = ParseObject(click.Value);
                var reply = await actions.HandleAsync(actor, verb, data, ct);
                var answer = await AnswerAsync(reply, click.TeamId, click.TriggerId, ct);
                // Slack shows nothing from a block_actions ack body: a message answer goes to the
                // click's response_url (replacing the clicked message when the reply says so).
                if (answer.Body is { } message && click.ResponseUrl is { } url)
                {
                    await responses.PostAsync(url, new SlackResponseMessage(message["text"]?.GetValue<string>() ?? reply.Summary,
                        message["blocks"]?.AsArray(), InChannel: reply.Public, ReplaceOriginal: reply.Replaces), ct);
                    return SlackAck.Empty;
                }
                return answer;
            }
            case SlackViewSubmission submit:
            {
                var meta = ParseObject(submit.PrivateMetadata);
                var data = meta["data"] as JsonObject ?? new JsonObject();
                foreach (var (input, values) in submit.Values) data[input] = string.Join(",", values);
                var reply = await actions.HandleAsync(actor, meta["verb"]?.GetValue<string>() ?? "", data, ct);
                if (reply.Kind == CardNames.Scorecard && (reply.IsError || reply.Data["error"] is not null))
                    return SlackAck.ViewErrors(ScorecardErrors(reply.Data));
                if (reply.Kind == CardNames.ScorecardSubmitted && data["interviewId"]?.GetValue<string>() is { } interviewId)
                    await ShowSubmittedInPlaceAsync(actor.Email, interviewId, reply, ct);
                var bound = renderer.Render(reply.Kind, reply.Data);
                return bound["actions"] is JsonArray { Count: > 0 } || HasInputs(bound)
                    ? SlackAck.ViewUpdate(translator.ToModal(bound, reply.Kind))
                    : SlackAck.ViewUpdate(InfoModal(reply));
            }
            default:
                return SlackAck.Empty;
        }
    }

    public override async Task OnEventAsync(SlackEventCallback callback, CancellationToken ct)
    {
        // Slack retries an event it thinks we missed with the same event_id: the unique key makes the retry a no-op.
        await using var seen = db.CreateCommand("INSERT INTO inbound_seen (source, key) VALUES ('slack-event', $1) ON CONFLICT DO NOTHING");
        seen.Parameters.Add(new() { Value = callback.EventId });
        if (await seen.ExecuteNonQueryAsync(ct) == 0) return;
        try
        {
            if (callback.Event is SlackRevocation { AppUninstalled: true } or SlackRevocation { BotUserIds.Count: > 0 })
                await workspaces.RevokeAsync(callback.TeamId, ct);
            else if (callback.Event is SlackAppHomeOpened { Tab: "messages", ChannelId: { Length: > 0 } dm } opened && Refusal(callback.TeamId) is null)
            {
                using var org = Organisations.OrgScope.Enter(await organisations.ForSlackAsync(callback.TeamId, callback.EnterpriseId, ct));
                await WelcomeAsync(callback.TeamId, opened.UserId, dm, ct);
            }
        }
        catch (Exception)
        {
            // Slack retries a failed event with the same id: let that retry do the work.
            await using var forget = db.CreateCommand("DELETE FROM inbound_seen WHERE source = 'slack-event' AND key = $1");
            forget.Parameters.Add(new() { Value = callback.EventId });
            await forget.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The first time someone opens HireBot's Messages tab, the welcome goes to that DM, once per
    /// person (Slack sends app_home_opened on every visit). Written to the outbox: no Web API call
    /// while Slack waits for the event's acknowledgement, and no lookup of who they are.
    /// </summary>
    private async Task WelcomeAsync(string teamId, string userId, string dm, CancellationToken ct)
    {
        await using var conn = await orgDb.OpenConnectionAsync(ct);
        var welcome = WelcomeMessage.For(WelcomeMessage.Audience.Everyone);
        if (await OutboxStore.EnqueueAsync(conn, null,
                [new OutboxMessage($"welcome:slack:{teamId}/{userId}", Recipients.Conversation("slack", $"{teamId}/{dm}"), welcome.Kind, welcome.Data)], ct) > 0)
            signal.Notify();
    }

    public override Task OnInstalledAsync(SlackInstallation installation, CancellationToken ct) => workspaces.SaveAsync(installation, ct);

    /// <summary>
    /// The message that carried the "Open scorecard" button is updated to the submitted view
    /// (chat.update through the outbox, replacing the scorecard request sent to this panelist).
    /// </summary>
    private async Task ShowSubmittedInPlaceAsync(string email, string interviewId, BotReply reply, CancellationToken ct)
    {
        await using var conn = await orgDb.OpenConnectionAsync(ct);
        await OutboxStore.EnqueueAsync(conn, null,
        [
            new OutboxMessage($"scorecard-shown-submitted:{interviewId}:{email}:{reply.Data["submittedAt"]}", Recipients.Person(email),
                CardNames.ScorecardSubmitted, reply.Data, ReplacesKey: $"scorecard-request:{interviewId}:{email}"),
        ], ct);
    }

    private const string SlackBusy = "Slack is not answering, so I cannot tell who you are; try again in a minute.";

    /// <summary>
    /// How long the identity lookup (users.info, for someone the bot has not met or forgotten) may take
    /// inside Slack's 3 s acknowledgement; past it the user is told Slack is not answering.
    /// </summary>
    public static readonly TimeSpan IdentityBudget = TimeSpan.FromSeconds(1.5);

    private async Task<Actor?> ActorWithinAckAsync(string teamId, string userId, string? channelId, CancellationToken ct)
    {
        using var budget = new CancellationTokenSource(IdentityBudget, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            return await ActorAsync(teamId, userId, channelId, linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new SlackApiException("users.info", "http_timeout", SlackFailureKind.Retryable);
        }
    }

    /// <summary>Who asks for help does not matter: the reply is the same for everyone.</summary>
    private static Actor Anyone(string teamId, string channelId) =>
        new("", "", "slack", Recipients.Conversation("slack", $"{teamId}/{channelId}"));

    private const string NoEmail = "I could not read your work email from Slack (the app needs the users:read.email scope), so I cannot tell who you are.";

    private async Task<Actor?> ActorAsync(string teamId, string userId, string? channelId, CancellationToken ct)
    {
        var email = await people.EmailOfAsync(teamId, userId, ct);
        return email is null ? null
            : new Actor(email, email, "slack", channelId is null ? null : Recipients.Conversation("slack", $"{teamId}/{channelId}"));
    }

    private async Task<SlackAck> AnswerAsync(BotReply reply, string teamId, string? triggerId, CancellationToken ct)
    {
        var card = renderer.Render(reply.Kind, reply.Data);
        if (HasInputs(card))
        {
            var token = await workspaces.TokenForAsync(teamId, ct);
            if (token is null || triggerId is null) return SlackAck.Ephemeral("This needs a form I cannot open here; try again from the button.");
            await api.OpenViewAsync(token, triggerId, translator.ToModal(card, reply.Kind), ct);
            return SlackAck.Empty;
        }
        var message = translator.ToMessage(card);
        message["response_type"] = reply.Public ? "in_channel" : "ephemeral";
        if (reply.Replaces) message["replace_original"] = true;
        return new SlackAck(message);
    }

    private static bool HasInputs(JsonNode? node) => node switch
    {
        JsonObject o => o["type"]?.GetValue<string>() is { } t && t.StartsWith("Input.", StringComparison.Ordinal) || o.Any(p => HasInputs(p.Value)),
        JsonArray a => a.Any(HasInputs),
        _ => false,
    };

    private static Dictionary<string, string> ScorecardErrors(JsonObject data)
    {
        var errors = new Dictionary<string, string>();
        // Each error on the input it is about (the modal's block ids are the card's input ids).
        foreach (var c in data["competencies"]?.AsArray() ?? [])
            if (c?["error"]?.GetValue<string>() is { Length: > 0 } message)
                errors[c["errorField"]?.GetValue<string>() ?? $"rating.{c["id"]}"] = message;
        if (data["fieldErrors"] is JsonObject fields)
            foreach (var (field, message) in fields)
                if (message?.GetValue<string>() is { Length: > 0 } text) errors.TryAdd(field, text);
        if (errors.Count == 0) errors["recommendation"] = data["error"]?.GetValue<string>() ?? "Please check the form.";
        return errors;
    }

    private static JsonObject InfoModal(BotReply reply) => new()
    {
        ["type"] = "modal",
        ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "HireBot" },
        ["close"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Close" },
        ["blocks"] = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = BlockKitLimits.Truncate(reply.Summary, 3000) } }),
    };

    private static JsonObject ParseObject(string? json)
    {
        try { return json is null ? new JsonObject() : JsonNode.Parse(json) as JsonObject ?? new JsonObject(); }
        catch (System.Text.Json.JsonException) { return new JsonObject(); }
    }

    /// <summary>Slack escapes links and mentions in command text: <c>&lt;mailto:a@b.c|a@b.c&gt;</c> becomes <c>a@b.c</c>; channel mentions stay for HiringChannel.</summary>
    public static string Unescape(string text) =>
        MailtoLink().Replace(text, m => m.Groups[1].Value).Replace("&amp;", "&").Replace("&lt;", "<").Replace("&gt;", ">");

    [GeneratedRegex(@"<mailto:([^|>]+)(?:\|[^>]*)?>")]
    private static partial Regex MailtoLink();
}
