using System.Text.Json;
using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Commands;
using HireBot.Hiring;
using HireBot.Inbox;
using HireBot.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Teams;

/// <summary>
/// Teams' side of the bot, behind <see cref="TeamsEndpoints"/> (which has already verified the
/// token): remembers where everyone can be reached, resolves the sender to a work email, and
/// routes commands and card actions. A command message is acknowledged as soon as it is stored in
/// the inbox (keyed by conversation and activity id, so a connector retry is stored once) and run
/// by the inbox worker (<see cref="RunCommandAsync"/>); its reply goes out through the outbox under
/// the same key. Invokes answer in the HTTP response, the card replacing the one clicked. While
/// Teams waits only the database is asked: a click, install or command from someone not known yet
/// is stored in the inbox and run by the worker, which asks the connector for their email
/// (<see cref="RunPendingAsync"/>); the click is answered "working on it" meanwhile.
/// </summary>
public sealed partial class TeamsBot(
    TeamsDirectory directory, PeopleStore people, BotConnectorClient connector, CommandDispatcher commands, CardActionDispatcher actions,
    MessageRenderer renderer, HireBot.Organisations.OrgDb db, HireBot.Organisations.OrganisationDirectory organisations, OutboxSignal signal,
    InboxWriter inbox, IOptions<TeamsOptions> options, ILogger<TeamsBot> logger)
{
    /// <summary>The inbox source of Teams command messages.</summary>
    public const string InboxSource = "teams";

    public static Task<TeamsInvokeResponse?> HandleAsync(TeamsInbound inbound, IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<TeamsBot>().HandleAsync(inbound, ct);

    public async Task<TeamsInvokeResponse?> HandleAsync(TeamsInbound inbound, CancellationToken ct)
    {
        var r = inbound.Reference;
        // A token proves the request came through the Bot Connector, not from which organisation:
        // only admitted tenants' users become people here (their emails decide who recruits).
        if (!options.Value.IsLocalMode && !options.Value.AdmitsTenant(r.TenantId))
        {
            LogTenantRefused(logger);
            return inbound is TeamsCardAction { IsInvoke: true } ? TeamsInvokeResponse.Error("Forbidden", "This organisation cannot use this bot.", 403) : null;
        }
        // Everything from here on belongs to the tenant's organisation (local tools without a tenant: the default one).
        var org = await OrganisationOfAsync(r, ct);
        if (org is null)
        {
            LogTenantRefused(logger);
            return inbound is TeamsCardAction { IsInvoke: true } ? TeamsInvokeResponse.Error("Forbidden", "This organisation cannot use this bot.", 403) : null;
        }
        using var scope = HireBot.Organisations.OrgScope.Enter(org.Value);
        if (inbound is TeamsCommand command)
        {
            // Activity ids are unique within a conversation, so the conversation is part of the key. Without one
            // there is nothing to de-duplicate by: a fresh id keeps its key and its reply's key its own.
            var accepted = command.ActivityId is null ? command with { ActivityId = Guid.NewGuid().ToString() } : command;
            await inbox.AcceptAsync(org.Value, InboxSource, $"{r.BaseConversationId}|{accepted.ActivityId}", r.BaseConversationId,
                JsonSerializer.Serialize(accepted, TeamsJson.Options), ct);
            return null;
        }
        // Only the database is asked while Teams waits: someone not known yet is looked up in the
        // connector's directory by the inbox worker, which then runs what they asked for.
        var email = r.UserId is null ? null : await directory.EmailOfAsync(r.UserId, r.TenantId, ct);
        if (email is null && r.UserId is not null && inbound is TeamsCardAction or TeamsCommand or TeamsInstallEvent { Installed: true })
        {
            await directory.RememberAsync(r, null, ct);
            if (inbound is TeamsInstallEvent { Installed: true } && !r.IsPersonal) await AcceptRosterAsync(org.Value, r, inbound.ActivityId, ct);
            var pending = new PendingActivity(inbound as TeamsCardAction, inbound as TeamsInstallEvent, inbound as TeamsCommand);
            await inbox.AcceptAsync(org.Value, PendingSource, $"{r.BaseConversationId}|{inbound.ActivityId ?? Guid.NewGuid().ToString()}", r.BaseConversationId,
                JsonSerializer.Serialize(pending, TeamsJson.Options), ct);
            return inbound is TeamsCardAction { IsInvoke: true } ? TeamsInvokeResponse.Message(Processing) : null;
        }
        await directory.RememberAsync(r, email, ct);

        switch (inbound)
        {
            case TeamsInstallEvent { Installed: true }:
                if (!r.IsPersonal) await AcceptRosterAsync(org.Value, r, inbound.ActivityId, ct);
                await EnqueueAsync([await WelcomeAsync(r, email, ct)], ct);
                return null;
            case TeamsInstallEvent { Installed: false }:
                await ForgetWelcomeAsync(r, ct);
                return null;
            case TeamsCardAction action when email is not null:
                var answer = await RunActionAsync(action, email, ct);
                if (action.IsInvoke)
                    return answer.IsError && answer.Kind == CardNames.Message
                        ? TeamsInvokeResponse.Message(answer.Summary)
                        : TeamsInvokeResponse.Card(TeamsCardText.ForTeams(renderer.Render(answer.Kind, answer.Data)));
                await ReplyAsync($"reply:{action.ActivityId ?? Guid.NewGuid().ToString()}", r, answer, ct);
                return null;
            case TeamsCardAction:
                return TeamsInvokeResponse.Message(NoEmail);
            default:
                return null;
        }
    }

    /// <summary>
    /// Installed in a team or group chat: its members can be reached in 1:1 chats from now on,
    /// once the roster is read (by the inbox worker, not while Teams waits).
    /// </summary>
    private Task<bool> AcceptRosterAsync(Guid org, TeamsConversationReference r, string? activityId, CancellationToken ct)
    {
        var rosterId = r.TeamId ?? r.BaseConversationId;
        var request = new TeamsRosterInboxHandler.Request(r.ServiceUrl, r.TenantId, rosterId);
        return inbox.AcceptAsync(org, TeamsRosterInboxHandler.InboxSource, $"{rosterId}|{activityId ?? Guid.NewGuid().ToString()}", rosterId,
            JsonSerializer.Serialize(request, TeamsJson.Options), ct);
    }

    private Task<BotReply> RunActionAsync(TeamsCardAction action, string email, CancellationToken ct)
    {
        var data = JsonNode.Parse(action.Data.GetRawText()) as JsonObject ?? new JsonObject();
        data.Remove("verb");
        var actor = new Actor(email, email, "teams", Recipients.Conversation("teams", action.Reference.BaseConversationId));
        return actions.HandleAsync(actor, action.Verb, data, ct);
    }

    /// <summary>The inbox source of activities from someone the bot does not know yet (exactly one of the three is set).</summary>
    public const string PendingSource = "teams-pending";

    /// <summary>A card action, install or command whose sender's email must first be asked of the connector.</summary>
    public sealed record PendingActivity(TeamsCardAction? Action, TeamsInstallEvent? Install, TeamsCommand? Command)
    {
        public TeamsInbound Inbound => (TeamsInbound?)Action ?? (TeamsInbound?)Install ?? Command ?? throw new InvalidOperationException("an empty pending Teams activity");
    }

    /// <summary>
    /// Runs an activity that waited for its sender to be looked up (called by the inbox worker,
    /// possibly again after a failure): asks the connector who they are, remembers them, and
    /// returns the answer. A card action's answer comes as a message, the click having been
    /// acknowledged with <see cref="Processing"/>.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> RunPendingAsync(PendingActivity pending, string key, CancellationToken ct)
    {
        var inbound = pending.Inbound;
        var r = inbound.Reference;
        var email = await EmailOfAsync(r, ct);
        await directory.RememberAsync(r, email, ct);
        var here = Recipients.Conversation("teams", r.BaseConversationId);
        return inbound switch
        {
            TeamsInstallEvent => [await WelcomeAsync(r, email, ct)],
            TeamsCommand command => await CommandReplyAsync(command, email, $"reply:{key}", ct),
            TeamsCardAction action when email is not null => [Reply($"reply:{key}", here, await RunActionAsync(action, email, ct))],
            _ => [Reply($"reply:{key}", here, BotReply.Error(NoEmail))],
        };
    }

    /// <summary>A pending activity failed for good: a click or command is told so; an install has no one to tell.</summary>
    public IReadOnlyList<OutboxMessage> PendingFailureReply(PendingActivity pending, string key) =>
        pending.Inbound is TeamsInstallEvent ? []
        : [Reply($"reply:{key}", Recipients.Conversation("teams", pending.Inbound.Reference.BaseConversationId), BotReply.Error(FailedCommand))];

    private const string Processing = "Working on it: the answer will follow in this chat.";

    /// <summary>
    /// Runs a command message the inbox accepted (called by the inbox worker, possibly again after
    /// a failure) and returns its reply, which the worker writes as it marks the row done.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> RunCommandAsync(TeamsCommand command, CancellationToken ct)
    {
        var r = command.Reference;
        var email = r.UserId is null ? null : await EmailOfAsync(r, ct);
        await directory.RememberAsync(r, email, ct);
        return await CommandReplyAsync(command, email, ReplyKey(command), ct);
    }

    /// <summary>The command could not be run, even after retries: the reply that says so, where it was asked.</summary>
    public IReadOnlyList<OutboxMessage> FailureReply(TeamsCommand command) =>
        [Reply(ReplyKey(command), Recipients.Conversation("teams", ReplyConversation(command)), BotReply.Error(FailedCommand))];

    private static string ReplyKey(TeamsCommand command) => $"reply:{command.Reference.BaseConversationId}|{command.ActivityId}";

    /// <summary>
    /// Runs the command and addresses its answer where it was asked: the 1:1 chat, the group chat,
    /// or the channel post's thread. A private answer typed in a channel or group chat goes to the
    /// sender's 1:1 chat instead, and the conversation is told it went there.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> CommandReplyAsync(TeamsCommand command, string? email, string replyKey, CancellationToken ct)
    {
        var r = command.Reference;
        var here = Recipients.Conversation("teams", ReplyConversation(command));
        if (email is null) return [Reply(replyKey, here, BotReply.Error(NoEmail))];
        var reply = await commands.HandleAsync(new Actor(email, email, "teams", Recipients.Conversation("teams", r.BaseConversationId)), command.Text, ct);
        if (r.IsPersonal || reply.Public || !TeamsReplyPlace.IsPrivate(command.Text)) return [Reply(replyKey, here, reply)];
        return
        [
            Reply(replyKey, Recipients.Person(email), reply),
            Reply($"{replyKey}|note", here, BotReply.Text(TeamsReplyPlace.SentPrivately)),
        ];
    }

    /// <summary>
    /// Where the answer to a command goes: a channel post is answered in its thread
    /// (<c>{channel};messageid={root}</c>; a new post is its own root), a chat in the chat.
    /// </summary>
    public static string ReplyConversation(TeamsCommand command)
    {
        var r = command.Reference;
        if (!string.Equals(r.ConversationType, "channel", StringComparison.OrdinalIgnoreCase)) return r.BaseConversationId;
        if (r.ConversationId.Length > r.BaseConversationId.Length) return r.ConversationId; // already names the thread
        return command.ActivityId is { Length: > 0 } root ? $"{r.BaseConversationId};messageid={root}" : r.BaseConversationId;
    }

    private const string FailedCommand = "Sorry, something went wrong while running that command, and it was not completed. Please try it again.";

    private const string NoEmail = "I could not confirm your work email in Teams, so I cannot tell who you are.";

    /// <summary>
    /// The organisation of the activity's tenant. Local tools (Agents Playground, Emulator) send no
    /// tenant: in local mode they are the default organisation; a connected bot refuses them.
    /// </summary>
    private async Task<Guid?> OrganisationOfAsync(TeamsConversationReference r, CancellationToken ct) =>
        options.Value.IsLocalMode ? HireBot.Organisations.OrgScope.Default
        : r.TenantId is { Length: > 0 } tenant ? await organisations.ForTeamsTenantAsync(tenant, ct)
        : null;

    /// <summary>
    /// The sender's work email: remembered for this tenant's user, else asked of the connector
    /// (GetMember, which answers from this tenant's directory), else — in local mode only — a
    /// stand-in for tools that have no directory. An address another tenant or workspace of the
    /// organisation already uses, outside its email domains, is not taken (<see cref="PeopleStore.MayUseEmailAsync"/>).
    /// </summary>
    private async Task<string?> EmailOfAsync(TeamsConversationReference r, CancellationToken ct)
    {
        if (await directory.EmailOfAsync(r.UserId!, r.TenantId, ct) is { } known) return known;
        var member = await connector.GetMemberAsync(r.ServiceUrl, r.ConversationId, r.UserId!, ct);
        var email = member.Value is { } m ? TeamsRoster.EmailOf(m) : null;
        if (email is null)
        {
            LogNoEmail(logger, member.StatusCode);
            if (!options.Value.IsLocalMode) return null;
            email = $"{new string(r.UserId!.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()}@local.test";
        }
        // First sight of this person: the people row must exist before their identity points at it.
        email = email.Trim().ToLowerInvariant();
        if (!await people.MayUseEmailAsync(email, PeopleStore.TeamsSource(r.TenantId), ct))
        {
            LogEmailTaken(logger);
            return null;
        }
        await people.EnsureAsync(email, member.Value?.Name, null, ct);
        return email;
    }

    /// <summary>
    /// The welcome, once per installation: Teams announces one install twice (conversationUpdate and
    /// installationUpdate) and repeats conversationUpdate, so the key is the place it goes to. A team
    /// gets it once, in its General channel (whose id is the team id), not in every channel it hears from.
    /// </summary>
    private async Task<OutboxMessage> WelcomeAsync(TeamsConversationReference r, string? email, CancellationToken ct)
    {
        var place = r.TeamId ?? r.BaseConversationId;
        var audience = !r.IsPersonal ? WelcomeMessage.Audience.Everyone
            : email is not null && await RecruitsOrFreshAsync(email, ct) ? WelcomeMessage.Audience.Recruiter
            : WelcomeMessage.Audience.Panelist;
        return Reply(WelcomeKey(place), Recipients.Conversation("teams", place), WelcomeMessage.For(audience));
    }

    /// <summary>A recruiter of some role, or anyone on a deployment with no role yet (the first person sets it up).</summary>
    private async Task<bool> RecruitsOrFreshAsync(string email, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM roles) OR EXISTS (SELECT 1 FROM roles WHERE $1 = ANY(recruiters))");
        cmd.Parameters.Add(new() { Value = email });
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>
    /// The app was removed: the welcome already sent there is set aside under a key of its own, so a
    /// reinstall welcomes again (a retried removal finds nothing left to set aside).
    /// </summary>
    private async Task ForgetWelcomeAsync(TeamsConversationReference r, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE outbox SET idempotency_key = idempotency_key || ':removed:' || id WHERE idempotency_key = $1");
        cmd.Parameters.Add(new() { Value = WelcomeKey(r.TeamId ?? r.BaseConversationId) });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string WelcomeKey(string place) => $"welcome:{place}";

    private static OutboxMessage Reply(string key, string recipient, BotReply reply) => new(key, recipient, reply.Kind, reply.Data);

    private Task ReplyAsync(string key, TeamsConversationReference r, BotReply reply, CancellationToken ct) =>
        EnqueueAsync([Reply(key, Recipients.Conversation("teams", r.BaseConversationId), reply)], ct);

    private async Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await OutboxStore.EnqueueAsync(conn, null, messages, ct);
        signal.Notify();
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Teams activity from a tenant that is not admitted was ignored")]
    private static partial void LogTenantRefused(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "A Teams user's directory email is already another tenant's or workspace's in this organisation, outside its email domains; not linked")]
    private static partial void LogEmailTaken(ILogger logger);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Teams member lookup gave no email (status {Status})")]
    private static partial void LogNoEmail(ILogger logger, int status);
}
