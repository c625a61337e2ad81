using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Hiring;
using HireBot.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Teams;

/// <summary>
/// Teams' side of the bot, behind <see cref="TeamsEndpoints"/> (which has already verified the
/// token): remembers where everyone can be reached, resolves the sender to a work email, and
/// routes commands and card actions. Message replies go out through the outbox keyed by the
/// activity id, so a replayed activity is answered once; invokes answer in the HTTP response,
/// the card replacing the one clicked.
/// </summary>
public sealed partial class TeamsBot(
    TeamsDirectory directory, PeopleStore people, BotConnectorClient connector, CommandHandler commands, CardActionHandler actions,
    MessageRenderer renderer, NpgsqlDataSource db, OutboxSignal signal, IOptions<TeamsOptions> options, ILogger<TeamsBot> logger)
{
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
        var email = r.UserId is null ? null : await EmailOfAsync(r, ct);
        await directory.RememberAsync(r, email, ct);

        switch (inbound)
        {
            case TeamsInstallEvent { Installed: true } install:
                await ReplyAsync($"welcome:{r.BaseConversationId}", r, HelpCommands.Help(Core.Commands.CommandCatalog.All), ct);
                return null;
            case TeamsCommand command when email is not null:
                // Activity ids are unique within a conversation, so the conversation is part of the key.
                var seen = command.ActivityId is null ? null : $"{r.BaseConversationId}|{command.ActivityId}";
                if (!await FirstTimeAsync(seen, ct)) return null;
                try
                {
                    var reply = await commands.HandleAsync(new Actor(email, email, "teams", Recipients.Conversation("teams", r.BaseConversationId)), command.Text, ct);
                    await ReplyAsync($"reply:{seen ?? Guid.NewGuid().ToString()}", r, reply, ct, toPerson: reply.Public || r.IsPersonal ? null : email);
                }
                catch (Exception) when (seen is not null)
                {
                    await ForgetAsync(seen); // the connector's retry must run the command, not be dropped as seen
                    throw;
                }
                return null;
            case TeamsCardAction action when email is not null:
                var data = JsonNode.Parse(action.Data.GetRawText()) as JsonObject ?? new JsonObject();
                data.Remove("verb");
                var answer = await actions.HandleAsync(new Actor(email, email, "teams", Recipients.Conversation("teams", r.BaseConversationId)), action.Verb, data, ct);
                if (action.IsInvoke)
                    return answer.IsError && answer.Kind == CardNames.Message
                        ? TeamsInvokeResponse.Message(answer.Summary)
                        : TeamsInvokeResponse.Card(TeamsCardText.ForTeams(renderer.Render(answer.Kind, answer.Data)));
                await ReplyAsync($"reply:{action.ActivityId ?? Guid.NewGuid().ToString()}", r, answer, ct);
                return null;
            case TeamsCardAction:
                return TeamsInvokeResponse.Message(NoEmail);
            case TeamsCommand:
                await ReplyAsync($"reply:{inbound.ActivityId ?? Guid.NewGuid().ToString()}", r, BotReply.Error(NoEmail), ct);
                return null;
            default:
                return null;
        }
    }

    private const string NoEmail = "I could not find your work email in Teams, so I cannot tell who you are.";

    /// <summary>The sender's work email: remembered, else asked of the connector (GetMember), else — in local mode only — a stand-in for tools that have no directory.</summary>
    private async Task<string?> EmailOfAsync(TeamsConversationReference r, CancellationToken ct)
    {
        if (await directory.EmailOfAsync(r.UserId!, ct) is { } known) return known;
        var member = await connector.GetMemberAsync(r.ServiceUrl, r.ConversationId, r.UserId!, ct);
        var email = member.Value?.Email ?? member.Value?.UserPrincipalName;
        if (email is not { Length: > 0 } || !email.Contains('@'))
        {
            LogNoEmail(logger, member.StatusCode);
            if (!options.Value.IsLocalMode) return null;
            email = $"{new string(r.UserId!.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()}@local.test";
        }
        // First sight of this person: the people row must exist before their identity points at it.
        email = email.Trim().ToLowerInvariant();
        await people.EnsureAsync(email, member.Value?.Name, null, ct);
        return email;
    }

    /// <summary>Records the activity id; false when this activity was already processed (a connector retry).</summary>
    private async Task<bool> FirstTimeAsync(string? activityId, CancellationToken ct)
    {
        if (activityId is null) return true;
        await using var cmd = db.CreateCommand("INSERT INTO inbound_seen (source, key) VALUES ('teams-activity', $1) ON CONFLICT DO NOTHING");
        cmd.Parameters.Add(new() { Value = activityId });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private async Task ForgetAsync(string key)
    {
        await using var cmd = db.CreateCommand("DELETE FROM inbound_seen WHERE source = 'teams-activity' AND key = $1");
        cmd.Parameters.Add(new() { Value = key });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Queues a reply in the conversation, or — for answers meant for one person typed in a channel — in their 1:1 chat.</summary>
    private async Task ReplyAsync(string key, TeamsConversationReference r, BotReply reply, CancellationToken ct, string? toPerson = null)
    {
        var recipient = toPerson is null ? Recipients.Conversation("teams", r.BaseConversationId) : Recipients.Person(toPerson);
        await using var conn = await db.OpenConnectionAsync(ct);
        await OutboxStore.EnqueueAsync(conn, null, [new OutboxMessage(key, recipient, reply.Kind, reply.Data)], ct);
        signal.Notify();
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Teams activity from a tenant that is not admitted was ignored")]
    private static partial void LogTenantRefused(ILogger logger);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Teams member lookup gave no email (status {Status})")]
    private static partial void LogNoEmail(ILogger logger, int status);
}
