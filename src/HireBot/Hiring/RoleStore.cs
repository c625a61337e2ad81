using HireBot.Core;
using HireBot.Core.Roles;
using Npgsql;
using NpgsqlTypes;

namespace HireBot.Hiring;

/// <summary>SQL for roles. The template is kept as the same JSON users import and export.</summary>
public sealed class RoleStore(HireBot.Organisations.OrgDb db)
{
    public async Task<Outcome<Role>> CreateAsync(string slug, RoleTemplate template, string? channel, string recruiter, CancellationToken ct)
    {
        var role = new Role(Guid.CreateVersion7(), slug, template, channel, [recruiter], []);
        await using var cmd = db.CreateCommand(
            "INSERT INTO roles (id, slug, template, hiring_channel, recruiters) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (org_id, slug) DO NOTHING");
        cmd.Parameters.Add(new() { Value = role.Id });
        cmd.Parameters.Add(new() { Value = slug });
        cmd.Parameters.Add(new() { Value = RoleTemplateJson.Write(template), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = (object?)channel ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = new[] { recruiter } });
        return await cmd.ExecuteNonQueryAsync(ct) == 1 ? role : Outcome<Role>.Fail($"A role with id `{slug}` already exists.");
    }

    public async Task<Role?> FindAsync(string slug, CancellationToken ct) =>
        await QueryAsync("WHERE slug = $1", slug, ct) is [var role, ..] ? role : null;

    public async Task<Role?> FindAsync(Guid id, CancellationToken ct) =>
        await QueryAsync("WHERE id = $1", id, ct) is [var role, ..] ? role : null;

    public Task<IReadOnlyList<Role>> ListAsync(CancellationToken ct) => QueryAsync("ORDER BY slug", null, ct);

    /// <summary>What kind of conversation a hiring channel is (personal, channel, groupChat), as the platform told us; null when unknown.</summary>
    public async Task<string?> ConversationKindAsync(string? recipient, CancellationToken ct)
    {
        if (recipient is null || !Outbox.Recipients.TryConversation(recipient, out var platform, out var id)) return null;
        var thread = id.IndexOf(";messageid=", StringComparison.Ordinal);
        await using var cmd = db.CreateCommand("SELECT kind FROM conversations WHERE channel = $1 AND conversation_id = $2");
        cmd.Parameters.Add(new() { Value = platform });
        cmd.Parameters.Add(new() { Value = thread < 0 ? id : id[..thread] });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task SaveAsync(Role role, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "UPDATE roles SET template = $2, hiring_channel = $3, recruiters = $4, hiring_managers = $5 WHERE id = $1");
        cmd.Parameters.Add(new() { Value = role.Id });
        cmd.Parameters.Add(new() { Value = RoleTemplateJson.Write(role.Template), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = (object?)role.HiringChannel ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = role.Recruiters.ToArray() });
        cmd.Parameters.Add(new() { Value = role.HiringManagers.ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<IReadOnlyList<Role>> QueryAsync(string where, object? arg, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT id, slug, template::text, hiring_channel, recruiters, hiring_managers FROM roles {where}");
        if (arg is not null) cmd.Parameters.Add(new() { Value = arg });
        var roles = new List<Role>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var template = RoleTemplateJson.Parse(reader.GetString(2));
            if (!template.IsOk) throw new InvalidOperationException($"Stored template of role {reader.GetString(1)} is invalid: {template.Error}");
            roles.Add(new Role(reader.GetGuid(0), reader.GetString(1), template.Value!, reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetFieldValue<string[]>(5)));
        }
        return roles;
    }
}
