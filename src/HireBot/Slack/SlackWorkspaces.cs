using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Slack;

/// <summary>
/// The bot token for a workspace: from an OAuth install (decrypted per team) or SLACK_BOT_TOKEN, but
/// only for the workspace that token belongs to (<see cref="SlackHomeTeam"/>) or when no team is
/// named. An unknown, revoked or uninstalled team has no token: it never falls back to SLACK_BOT_TOKEN.
/// </summary>
public sealed class SlackWorkspaces(NpgsqlDataSource db, IOptions<SlackOptions> options, SlackTokenProtector protector, SlackHomeTeam home)
{
    /// <summary>SLACK_BOT_TOKEN is configured but Slack has not yet said whose it is (a delivery should wait, not fail).</summary>
    public bool HomeTeamPending => home.Pending;

    public async Task<string?> TokenForAsync(string? teamId, CancellationToken ct)
    {
        if (teamId is { Length: > 0 })
        {
            await using var cmd = db.CreateCommand("SELECT token_protected FROM slack_installations WHERE team_id = $1 AND revoked_at IS NULL");
            cmd.Parameters.Add(new() { Value = teamId });
            if (await cmd.ExecuteScalarAsync(ct) is string stored && protector.TryUnprotect(stored, teamId, out var token)) return token;
            if (!string.Equals(teamId, home.TeamId, StringComparison.Ordinal)) return null;
        }
        return options.Value.BotToken is { Length: > 0 } single ? single : null;
    }

    public async Task SaveAsync(SlackInstallation install, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO slack_installations (team_id, team_name, enterprise_id, bot_user_id, token_protected, scopes)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (team_id) DO UPDATE SET team_name = $2, enterprise_id = $3, bot_user_id = $4,
                token_protected = $5, scopes = $6, installed_at = now(), revoked_at = NULL
            """);
        cmd.Parameters.Add(new() { Value = install.TeamId });
        cmd.Parameters.Add(new() { Value = (object?)install.TeamName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)install.EnterpriseId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = install.BotUserId });
        cmd.Parameters.Add(new() { Value = install.EncryptedBotToken });
        cmd.Parameters.Add(new() { Value = install.Scopes.ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task RevokeAsync(string teamId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE slack_installations SET revoked_at = now() WHERE team_id = $1 AND revoked_at IS NULL");
        cmd.Parameters.Add(new() { Value = teamId });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
