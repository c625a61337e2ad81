using HireBot.Core.Text;
using System.Text.Json.Nodes;
using HireBot.Core.Roles;

namespace HireBot.Hiring;

/// <summary><c>role create|list|show|export|add|channel</c>.</summary>
public sealed class RoleCommands(RoleStore roles, PeopleStore people, TemplateLibrary templates, IEnumerable<IChannelReachCheck> reach, Ats.AtsAttributeMap atsMap) : ICommandFeature
{
    public IReadOnlyList<string> Commands => ["role create", "role list", "role show", "role export", "role import", "role add", "role channel"];

    public async Task<BotReply> HandleAsync(CommandContext c, CancellationToken ct) => c.Command.Name switch
    {
        "role create" => await CreateAsync(c, ct),
        "role list" => await ListAsync(ct),
        "role show" => Show(c.Role!, c.Access.SeesEmails, await roles.ConversationKindAsync(c.Role!.HiringChannel, ct)),
        "role export" => Export(c.Role!, c.Access.SeesEmails, await atsMap.LoadAsync(c.Role!.Id, ct)),
        "role import" => await ImportAsync(c, ct),
        "role add" => await AddPersonAsync(c, ct),
        "role channel" => await SetChannelAsync(c, ct),
        _ => BotReply.Error($"`{c.Command.Name}` is not a role command."),
    };

    private async Task<BotReply> CreateAsync(CommandContext c, CancellationToken ct)
    {
        var slug = c.Command.Required("role").ToLowerInvariant();
        if (!System.Text.RegularExpressions.Regex.IsMatch(slug, "^[a-z0-9][a-z0-9-]{1,39}$"))
            return BotReply.Error("A role id is 2–40 lowercase letters, digits and dashes, e.g. `be-senior`.");
        var templateId = c.Command["template"] ?? TemplateLibrary.Default;
        if (templates.Find(templateId) is not { } template)
            return BotReply.Error($"No template `{templateId}`. Templates: {string.Join(", ", templates.Ids)}.");
        await people.EnsureAsync(c.Actor.Email, c.Actor.DisplayName, null, ct);
        var channel = c.Command["channel"] is { } typed ? HiringChannel.Normalize(typed, c.Actor) : null;
        if (channel is not null && await ReachAsync(channel, c.Command["channel"]!, ct) is { CanPost: false } cannot)
            return BotReply.Error($"Role `{slug}` not created: {cannot.Problem}");
        var created = await roles.CreateAsync(slug, template with { Title = c.Command.Required("title") }, channel, c.Actor.Email, ct);
        return created.IsOk
            ? BotReply.Text($"Created role `{slug}` ({created.Value!.Template.Title}) from `{templateId}`: {template.Loop.Rounds.Count} rounds. " +
                            $"Add interviewers with `role add {slug} interviewer <email> pool <pool-id>`.")
            : BotReply.Error(created.Error!);
    }

    private async Task<BotReply> ListAsync(CancellationToken ct)
    {
        var all = await roles.ListAsync(ct);
        if (all.Count == 0) return BotReply.Text("No roles yet. Create one with `role create <role-id> <title>`.");
        var lines = new List<string>();
        foreach (var r in all)
            lines.Add($"• `{r.Slug}` {r.Template.Title} — {Counted.Of(r.Template.Loop.Rounds.Count, "round")}, hiring channel: " +
                      HiringChannel.Display(r.HiringChannel, await roles.ConversationKindAsync(r.HiringChannel, ct)));
        return BotReply.Text("Roles:\n" + string.Join("\n", lines));
    }

    private const string EmailsHidden = "names are shown to the role's recruiters and hiring managers";

    /// <summary>The template as JSON; pool members' addresses only for those who may see people's emails.</summary>
    private static BotReply Export(Role role, bool seesEmails, IReadOnlyDictionary<string, string> atsAttributes)
    {
        var template = seesEmails ? role.Template
            : role.Template with { Pools = role.Template.Pools.Select(p => p with { Members = [], Trainees = [] }).ToList() };
        return BotReply.Text($"```\n{Ats.AtsAttributeMap.Join(RoleTemplateJson.Write(template), atsAttributes)}\n```" + (seesEmails ? "" : $"\nPool members are left out: {EmailsHidden}."));
    }

    private static BotReply Show(Role role, bool seesEmails, string? channelKind)
    {
        var t = role.Template;
        var dims = string.Join("\n", t.Rubric.Dimensions.Select(d => $"• {d.Name} ({d.Weight:0.##}): {string.Join(", ", d.Competencies.Select(c => c.Name))}"));
        var rounds = string.Join("\n", t.Loop.Rounds.Select((r, i) => $"{i + 1}. {r.Name}, {r.DurationMinutes} min, panel of {r.PanelSize}, pool `{r.InterviewerPool}`"));
        var pools = string.Join("\n", t.Pools.Select(p => $"• `{p.Id}`: {Counted.Of(p.Members.Count, "interviewer")}, {Counted.Of(p.Trainees.Count, "trainee")}"));
        return BotReply.Text($"**{t.Title}** (`{role.Slug}`)\nRubric:\n{dims}\nLoop:\n{rounds}\nPools:\n{pools}\n" +
                             (seesEmails
                                 ? $"Recruiters: {string.Join(", ", role.Recruiters)}; hiring managers: {(role.HiringManagers.Count == 0 ? "none" : string.Join(", ", role.HiringManagers))}\n"
                                 : $"{Counted.Of(role.Recruiters.Count, "recruiter")}, {Counted.Of(role.HiringManagers.Count, "hiring manager")} ({EmailsHidden})\n") +
                             $"Hiring channel: {HiringChannel.Display(role.HiringChannel, channelKind)}");
    }

    private async Task<BotReply> AddPersonAsync(CommandContext c, CancellationToken ct)
    {
        var role = c.Role!;
        var email = c.Command.Required("email").Trim().ToLowerInvariant();
        if (!email.Contains('@')) return BotReply.Error($"`{email}` is not an email address.");
        Role updated;
        switch (c.Command.Required("kind").ToLowerInvariant())
        {
            case "recruiter":
                updated = role with { Recruiters = role.Recruiters.Append(email).Distinct().ToList() };
                break;
            case "manager":
                updated = role with { HiringManagers = role.HiringManagers.Append(email).Distinct().ToList() };
                break;
            case "interviewer":
                var poolId = c.Command["pool"];
                var pool = role.Template.Pools.FirstOrDefault(p => p.Id == poolId);
                if (pool is null) return BotReply.Error($"Name the pool: `pool <pool-id>`, one of {string.Join(", ", role.Template.Pools.Select(p => p.Id))}.");
                var trainee = c.Command["trainee"] is "yes" or "true";
                var changed = trainee
                    ? pool with { Trainees = pool.Trainees.Append(email).Distinct().ToList() }
                    : pool with { Members = pool.Members.Append(email).Distinct().ToList() };
                updated = role with { Template = role.Template with { Pools = role.Template.Pools.Select(p => p.Id == pool.Id ? changed : p).ToList() } };
                break;
            default:
                return BotReply.Error("Add a `recruiter`, `manager` or `interviewer`.");
        }
        await people.EnsureAsync(email, null, null, ct);
        await roles.SaveAsync(updated, ct);
        return BotReply.Text($"Added {email} as {c.Command["kind"]} of `{role.Slug}`.");
    }

    /// <summary>
    /// Replaces the template with the JSON a recruiter edited (from <c>role export</c>). The people
    /// already in the role's pools are kept when the imported template leaves a pool empty.
    /// </summary>
    private async Task<BotReply> ImportAsync(CommandContext c, CancellationToken ct)
    {
        var json = c.Command.Required("json").Trim().Trim('`').Trim();
        if (json.StartsWith("json", StringComparison.OrdinalIgnoreCase)) json = json[4..];
        // The ATS attribute mapping rides along in the same JSON (Ats.AtsAttributeMap).
        var (templateJson, attributes, atsError) = Ats.AtsAttributeMap.Split(json);
        if (atsError is not null) return BotReply.Error(atsError);
        var parsed = RoleTemplateJson.Parse(templateJson);
        if (!parsed.IsOk) return BotReply.Error(parsed.Error!);
        var role = c.Role!;
        var unknown = attributes?.Keys.Where(k => !parsed.Value!.Rubric.Dimensions.SelectMany(d => d.Competencies).Any(x => x.Id == k)).ToList() ?? [];
        if (unknown.Count > 0) return BotReply.Error($"`ats.attributes` names competencies the template does not have: {string.Join(", ", unknown)}.");
        var pools = parsed.Value!.Pools.Select(p => p.Members.Count + p.Trainees.Count > 0
            ? p : role.Template.Pools.FirstOrDefault(old => old.Id == p.Id) ?? p).ToList();
        await roles.SaveAsync(role with { Template = parsed.Value with { Pools = pools } }, ct);
        if (attributes is not null) await atsMap.SaveAsync(role.Id, attributes, ct);
        return BotReply.Text($"Imported the template into `{role.Slug}`: {parsed.Value.Rubric.Dimensions.Count} dimensions, {parsed.Value.Loop.Rounds.Count} rounds.");
    }

    private async Task<BotReply> SetChannelAsync(CommandContext c, CancellationToken ct)
    {
        var channel = HiringChannel.Normalize(c.Command.Required("channel"), c.Actor);
        if (channel is null) return BotReply.Error("Say `here` to use this conversation, or name a channel.");
        var reached = await ReachAsync(channel, c.Command["channel"]!, ct);
        if (!reached.CanPost) return BotReply.Error(reached.Problem!);
        await roles.SaveAsync(c.Role! with { HiringChannel = channel }, ct);
        return BotReply.Text($"Digests for `{c.Role!.Slug}` will go to {reached.Shown}.");
    }

    /// <summary>The platform's check that the bot can post there; a platform without one takes the channel as typed.</summary>
    private async Task<ChannelReach> ReachAsync(string channel, string typed, CancellationToken ct)
    {
        var check = Outbox.Recipients.TryConversation(channel, out var platform, out _) ? reach.FirstOrDefault(r => r.Channel == platform) : null;
        var shown = typed.Equals("here", StringComparison.OrdinalIgnoreCase) ? "this conversation" : typed;
        return check is null ? new ChannelReach(true, shown) : await check.CheckAsync(channel, ct);
    }
}
