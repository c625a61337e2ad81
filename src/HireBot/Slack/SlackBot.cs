using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HireBot.Cards;
using HireBot.Commands;
using HireBot.Core.Commands;
using HireBot.Hiring;
using HireBot.Inbox;
using HireBot.Outbox;

namespace HireBot.Slack;

/// <summary>
/// Slack's side of the bot. While Slack waits (3 s) a request is only checked, stored in the inbox
/// and acknowledged: no Web API call, no response_url post. The inbox worker then runs it
/// (<see cref="RunAsync"/>): who asked (users.info for someone not yet known), the command or card
/// action, and the answer as outbox rows: a response_url post, or a modal opened on the request's
/// trigger_id (valid for 3 s; the worker and the dispatcher are woken at once). Answered inline,
/// because they need nothing but the command text or the database: help, a command that does not
/// parse, and a scorecard submitted from a modal (Slack shows its validation errors only from the
/// acknowledgement).
/// </summary>
public sealed partial class SlackBot(
    CommandDispatcher commands, CardActionDispatcher actions, SlackPeople people, SlackWorkspaces workspaces,
    MessageRenderer renderer, BlockKitTranslator translator, Organisations.OrgDb orgDb, Organisations.OrganisationDirectory organisations,
    Microsoft.Extensions.Options.IOptions<SlackOptions> options, SlackHomeTeam home, InboxWriter inbox, OutboxSignal signal,
    ILogger<SlackBot> logger) : SlackRequestHandler
{
    private const string NotAdmitted = "This workspace is not set up to use HireBot.";
    private const string Connecting = "HireBot is still connecting to Slack; try again in a minute.";

    /// <summary>Runs of one command or click at most; each failed run that will be tried again says so on the response_url (five posts allowed).</summary>
    public const int MaxAttempts = 3;

    /// <summary>Null when the team is admitted, else the answer: refused, or (single-workspace, token's team not yet known) try again.</summary>
    private SlackAck? Refusal(string? teamId)
    {
        var o = options.Value;
        if (o.AdmitsTeam(teamId, home.TeamId)) return null;
        return o.AllowedTeamIds.Length == 0 && home.Pending ? SlackAck.Ephemeral(Connecting) : SlackAck.Ephemeral(NotAdmitted);
    }

    /// <summary>Commands that call out (calendars, or Slack to check a hiring channel) before they can answer: acknowledged with a note.</summary>
    public static bool IsSlow(Command command) =>
        command.Name is "schedule" or "reschedule" || (command.Name is "role channel" or "role create" && command["channel"] is not null);

    /// <summary>What the acknowledgement of a slow command says while the worker runs it.</summary>
    public static string Acknowledgement(Command command) => command.Name is "schedule" or "reschedule"
        ? "Working on it: checking calendars. The options will appear here in a moment."
        : "Working on it: checking that I can post in that channel. The answer will appear here in a moment.";

    public override async Task<SlackAck> OnCommandAsync(SlackCommand command, CancellationToken ct)
    {
        if (Refusal(command.TeamId) is { } refused) return refused;
        var text = Unescape(command.Text);
        // help and a command that does not parse need nobody's identity: answered here.
        var parsed = CommandParser.Parse(text);
        if (!parsed.IsOk) return SlackAck.Ephemeral(parsed.Error!);
        // Everything from here on belongs to the workspace's organisation (on Enterprise Grid, the enterprise's).
        var org = await organisations.ForSlackAsync(command.TeamId, command.EnterpriseId, ct);
        using var scope = Organisations.OrgScope.Enter(org);
        if (parsed.Value!.Name == "help")
            return new SlackAck(Message(await commands.HandleAsync(Anyone(command.TeamId, command.ChannelId), text, ct)));
        // Slack does not retry a command; a repeat would carry the same trigger_id, response_url and text.
        await AcceptAsync(org, $"command:{command.TriggerId}:{Digest(command.ResponseUrl + "\n" + command.Text)}",
            command.TeamId, command.UserId, new SlackInboxRequest(Command: command), ct);
        return IsSlow(parsed.Value) ? SlackAck.Ephemeral(Acknowledgement(parsed.Value)) : SlackAck.Empty;
    }

    public override async Task<SlackAck> OnInteractionAsync(SlackInteraction interaction, CancellationToken ct)
    {
        if (Refusal(interaction.TeamId) is { } refused) return refused;
        var org = await organisations.ForSlackAsync(interaction.TeamId, interaction.EnterpriseId, ct);
        using var scope = Organisations.OrgScope.Enter(org);
        switch (interaction)
        {
            case SlackBlockAction click:
                await AcceptAsync(org, $"click:{click.TriggerId}:{Digest($"{click.ActionId}\n{click.Value}\n{click.ResponseUrl}\n{click.MessageTs}")}",
                    click.TeamId, click.UserId, new SlackInboxRequest(Click: click), ct);
                return SlackAck.Empty;
            case SlackViewSubmission submit:
                // Whoever submits a modal opened it through the worker, so the database knows them:
                // checked and stored here, where Slack shows the errors under the inputs.
                if (await people.KnownEmailAsync(submit.TeamId, submit.UserId, ct) is { } email)
                    return (await SubmitAsync(Person(email), submit, ct)).Ack;
                await AcceptAsync(org, $"submit:{submit.ViewId}:{Digest(submit.Hash + "\n" + submit.TriggerId)}",
                    submit.TeamId, submit.UserId, new SlackInboxRequest(Submission: submit), ct);
                return SlackAck.Empty; // the modal closes; the answer arrives in the DM
            default:
                return SlackAck.Empty;
        }
    }

    public override async Task OnEventAsync(SlackEventCallback callback, CancellationToken ct)
    {
        var revocation = callback.Event is SlackRevocation { AppUninstalled: true } or SlackRevocation { BotUserIds.Count: > 0 };
        var welcome = callback.Event is SlackAppHomeOpened { Tab: "messages", ChannelId.Length: > 0 } && Refusal(callback.TeamId) is null;
        if (!revocation && !welcome) return;
        var org = await organisations.ForSlackAsync(callback.TeamId, callback.EnterpriseId, ct);
        // Slack retries an event it thinks we missed with the same event_id: the inbox key makes the retry a no-op.
        var user = (callback.Event as SlackAppHomeOpened)?.UserId ?? "";
        await AcceptAsync(org, $"event:{callback.EventId}", callback.TeamId, user, new SlackInboxRequest(Event: callback), ct);
    }

    public override Task OnInstalledAsync(SlackInstallation installation, CancellationToken ct) => workspaces.SaveAsync(installation, ct);

    private Task AcceptAsync(Guid org, string key, string teamId, string userId, SlackInboxRequest request, CancellationToken ct) =>
        inbox.AcceptAsync(org, SlackInboxRequest.InboxSource, key, SlackInboxRequest.Group(teamId, userId), request.Serialize(), ct);

    /// <summary>
    /// Runs a request the inbox accepted (called by the inbox worker, in the request's organisation,
    /// possibly again after a failure) and returns its answer, which the worker writes as it marks
    /// the row done. A run that failed and will be tried again says so first.
    /// </summary>
    public Task<IReadOnlyList<OutboxMessage>> RunAsync(SlackInboxRequest request, string key, int attempt, CancellationToken ct) => request switch
    {
        { Command: { } c } => RunCommandAsync(c, key, attempt, ct),
        { Click: { } click } => RunClickAsync(click, key, attempt, ct),
        { Submission: { } submit } => RunSubmissionAsync(submit, key, ct),
        { Event: { } e } => RunEventAsync(e, ct),
        _ => Task.FromResult<IReadOnlyList<OutboxMessage>>([]),
    };

    private async Task<IReadOnlyList<OutboxMessage>> RunCommandAsync(SlackCommand command, string key, int attempt, CancellationToken ct)
    {
        var text = Unescape(command.Text);
        var here = Where(command.ResponseUrl, null);
        var (actor, refusal) = await ActorAsync(command.TeamId, command.UserId, command.ChannelId, ct);
        if (actor is null) return [Say(key, here, BotReply.Error(refusal!))];
        var verb = text.Trim().Split(' ')[0].ToLowerInvariant();
        BotReply reply;
        try
        {
            reply = await commands.HandleAsync(actor, text, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return await FailedAsync(e, key, here, verb, $"please run `/hire {text.Trim()}` again in a few minutes", attempt, ct);
        }
        return Answer(key, reply, command.TeamId, command.TriggerId, command.ResponseUrl, actor.Email);
    }

    private async Task<IReadOnlyList<OutboxMessage>> RunClickAsync(SlackBlockAction click, string key, int attempt, CancellationToken ct)
    {
        var (actor, refusal) = await ActorAsync(click.TeamId, click.UserId, click.ChannelId, ct);
        if (actor is null) return [Say(key, click.ResponseUrl is { } url ? Where(url, null) : DirectMessage(click.TeamId, click.UserId), BotReply.Error(refusal!))];
        var verb = click.ActionId.Split('#')[0];
        BotReply reply;
        try
        {
            reply = await actions.HandleAsync(actor, verb, ParseObject(click.Value), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return await FailedAsync(e, key, Where(click.ResponseUrl, actor.Email), verb, "please click the button again in a few minutes", attempt, ct);
        }
        return Answer(key, reply, click.TeamId, click.TriggerId, click.ResponseUrl, actor.Email);
    }

    /// <summary>A submission from someone the database did not know yet: the answer goes to their DM.</summary>
    private async Task<IReadOnlyList<OutboxMessage>> RunSubmissionAsync(SlackViewSubmission submit, string key, CancellationToken ct)
    {
        var (actor, refusal) = await ActorAsync(submit.TeamId, submit.UserId, null, ct);
        if (actor is null) return [Say(key, DirectMessage(submit.TeamId, submit.UserId), BotReply.Error("Your scorecard was not saved: " + refusal))];
        var (reply, ack) = await SubmitAsync(actor, submit, ct);
        var text = ack.Body?["response_action"]?.GetValue<string>() == "errors"
            ? "Your scorecard was not saved: " + string.Join(" ", ack.Body["errors"]!.AsObject().Select(e => e.Value?.GetValue<string>())) + " Please open it again."
            : reply.Summary;
        return [Say(key, Recipients.Person(actor.Email), BotReply.Text(text, reply.IsError))];
    }

    private async Task<IReadOnlyList<OutboxMessage>> RunEventAsync(SlackEventCallback callback, CancellationToken ct)
    {
        if (callback.Event is SlackRevocation)
        {
            await workspaces.RevokeAsync(callback.TeamId, ct);
            return [];
        }
        // The first time someone opens HireBot's Messages tab, the welcome goes to that DM, once per
        // person (Slack sends app_home_opened on every visit): keyed by person, without asking who they are.
        var opened = (SlackAppHomeOpened)callback.Event;
        var welcome = WelcomeMessage.For(WelcomeMessage.Audience.Everyone);
        return [new OutboxMessage($"welcome:slack:{callback.TeamId}/{opened.UserId}",
            Recipients.Conversation("slack", $"{callback.TeamId}/{opened.ChannelId}"), welcome.Kind, welcome.Data)];
    }

    /// <summary>
    /// A run that failed: when another try can help and tries are left, the person is told so (an
    /// outbox row of its own) and the exception goes back to the worker, which runs it again after
    /// a backoff; otherwise the answer is the failure, in words that name the cause.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> FailedAsync(Exception e, string key, string here, string verb, string again, int attempt, CancellationToken ct)
    {
        var cause = CommandFailure.Describe(e);
        if (CommandFailure.CanRetry(e) && attempt < MaxAttempts)
        {
            LogRetrying(logger, verb, e.GetType().Name, attempt);
            await using var conn = await orgDb.OpenConnectionAsync(ct);
            if (await OutboxStore.EnqueueAsync(conn, null,
                    [Say($"{key}:attempt{attempt}", here, BotReply.Text($"`{verb}` did not finish: {cause}. Trying again in a moment (attempt {attempt + 1} of {MaxAttempts}); the answer will appear here."))], ct) > 0)
                signal.Notify();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        }
        LogFailed(logger, verb, e.GetType().Name, attempt);
        var advice = CommandFailure.CanRetry(e) ? $"Tried {Core.Text.Counted.Of(attempt, "time")}; {again}." : "Trying again will not help until that is fixed.";
        return [Say(key, here, BotReply.Error($"Sorry, `{verb}` could not finish: {cause}. {advice}"))];
    }

    /// <summary>The row was given up (its runs kept failing or dying): the person is told where they asked.</summary>
    public IReadOnlyList<OutboxMessage> GiveUp(SlackInboxRequest request, string key) => request switch
    {
        { Command.ResponseUrl: { Length: > 0 } url } => [Say(key, Where(url, null), BotReply.Error(GaveUp))],
        { Click.ResponseUrl: { Length: > 0 } url } => [Say(key, Where(url, null), BotReply.Error(GaveUp))],
        { Click: { } click } => [Say(key, DirectMessage(click.TeamId, click.UserId), BotReply.Error(GaveUp))],
        { Submission: { } submit } => [Say(key, DirectMessage(submit.TeamId, submit.UserId), BotReply.Error("Your scorecard was not saved: " + GaveUp))],
        _ => [],
    };

    /// <summary>The person's DM with the app, reached without an email: chat.postMessage to a user id posts there.</summary>
    private static string DirectMessage(string teamId, string userId) => Recipients.Conversation("slack", $"{teamId}/{userId}");

    private const string GaveUp = "Sorry, something went wrong while running that, and it was not completed. Please try it again.";

    /// <summary>
    /// The answer as outbox rows: a card with inputs opens as a modal on the trigger_id; anything
    /// else goes to the response_url (replacing the clicked message when the reply says so), or to
    /// the person's DM when there is none (a click inside a modal).
    /// </summary>
    private IReadOnlyList<OutboxMessage> Answer(string key, BotReply reply, string teamId, string? triggerId, string? responseUrl, string email)
    {
        if (triggerId is { Length: > 0 } && HasInputs(renderer.Render(reply.Kind, reply.Data)))
            return [new OutboxMessage($"{key}:modal", SlackTargets.Modal(teamId, triggerId, responseUrl), reply.Kind, reply.Data)];
        return [Say(key, Where(responseUrl, email, reply), reply)];
    }

    private static string Where(string? responseUrl, string? email, BotReply? reply = null) =>
        responseUrl is { Length: > 0 } ? SlackTargets.ResponseUrl(responseUrl, reply?.Public ?? false, reply?.Replaces ?? false)
        : Recipients.Person(email ?? "");

    private static OutboxMessage Say(string key, string recipient, BotReply reply) => new(key, recipient, reply.Kind, reply.Data);

    /// <summary>Checks and stores a submitted modal: the acknowledgement (errors under the inputs, or the view that replaces it) and the reply.</summary>
    private async Task<(BotReply Reply, SlackAck Ack)> SubmitAsync(Actor actor, SlackViewSubmission submit, CancellationToken ct)
    {
        var meta = ParseObject(submit.PrivateMetadata);
        var data = meta["data"] as JsonObject ?? new JsonObject();
        foreach (var (input, values) in submit.Values) data[input] = string.Join(",", values);
        var reply = await actions.HandleAsync(actor, meta["verb"]?.GetValue<string>() ?? "", data, ct);
        if (reply.Kind == CardNames.Scorecard && (reply.IsError || reply.Data["error"] is not null))
            return (reply, SlackAck.ViewErrors(ScorecardErrors(reply.Data)));
        if (reply.Kind == CardNames.ScorecardSubmitted && data["interviewId"]?.GetValue<string>() is { } interviewId)
            await ShowSubmittedInPlaceAsync(actor.Email, interviewId, reply, ct);
        var bound = renderer.Render(reply.Kind, reply.Data);
        return (reply, bound["actions"] is JsonArray { Count: > 0 } || HasInputs(bound)
            ? SlackAck.ViewUpdate(translator.ToModal(bound, reply.Kind))
            : SlackAck.ViewUpdate(InfoModal(reply)));
    }

    /// <summary>
    /// The message that carried the "Open scorecard" button is updated to the submitted view
    /// (chat.update through the outbox, replacing the scorecard request sent to this panelist).
    /// </summary>
    private async Task ShowSubmittedInPlaceAsync(string email, string interviewId, BotReply reply, CancellationToken ct)
    {
        await using var conn = await orgDb.OpenConnectionAsync(ct);
        if (await OutboxStore.EnqueueAsync(conn, null,
            [
                new OutboxMessage($"scorecard-shown-submitted:{interviewId}:{email}:{reply.Data["submittedAt"]}", Recipients.Person(email),
                    CardNames.ScorecardSubmitted, reply.Data, ReplacesKey: $"scorecard-request:{interviewId}:{email}"),
            ], ct) > 0)
            signal.Notify();
    }

    private const string SlackBusy = "Slack is not answering, so I cannot tell who you are; try again in a minute.";

    private const string NoEmail = "I could not read your work email from Slack (the app needs the users:read.email scope), so I cannot tell who you are.";

    /// <summary>Who asked (users.info for someone not yet known, off the acknowledgement), or why that cannot be told.</summary>
    private async Task<(Actor? Actor, string? Refusal)> ActorAsync(string teamId, string userId, string? channelId, CancellationToken ct)
    {
        string? email;
        try { email = await people.EmailOfAsync(teamId, userId, ct); }
        catch (SlackApiException e) when (e.Kind != SlackFailureKind.Final) { return (null, SlackBusy); }
        catch (HttpRequestException) { return (null, SlackBusy); }
        return email is null ? (null, NoEmail)
            : (new Actor(email, email, "slack", channelId is null ? null : Recipients.Conversation("slack", $"{teamId}/{channelId}")), null);
    }

    private static Actor Person(string email) => new(email, email, "slack", null);

    /// <summary>Who asks for help does not matter: the reply is the same for everyone.</summary>
    private static Actor Anyone(string teamId, string channelId) =>
        new("", "", "slack", Recipients.Conversation("slack", $"{teamId}/{channelId}"));

    private JsonObject Message(BotReply reply)
    {
        var message = translator.ToMessage(renderer.Render(reply.Kind, reply.Data));
        message["response_type"] = reply.Public ? "in_channel" : "ephemeral";
        return message;
    }

    private static string Digest(string value) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..16];

    internal static bool HasInputs(JsonNode? node) => node switch
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

    [LoggerMessage(EventId = 6290, Level = LogLevel.Warning, Message = "Slack {Verb} failed ({Error}) on attempt {Attempt}; it will be tried again")]
    private static partial void LogRetrying(ILogger logger, string verb, string error, int attempt);

    [LoggerMessage(EventId = 6291, Level = LogLevel.Warning, Message = "Slack {Verb} failed ({Error}) on attempt {Attempt}; the user was told")]
    private static partial void LogFailed(ILogger logger, string verb, string error, int attempt);
}
