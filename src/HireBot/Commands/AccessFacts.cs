using HireBot.Core.Access;
using HireBot.Core.Roles;
using HireBot.Hiring;

namespace HireBot.Commands;

/// <summary>
/// Loads what <see cref="Permissions"/> decides on: the actor's relations to a role and to a
/// candidate's current loop (through the seats they hold on it), and whether they owe a scorecard.
/// </summary>
public sealed class AccessFacts(PeopleStore people, CandidateStore candidates, Organisations.OrganisationDirectory directory)
{
    public async Task<(Relation Relations, bool OwesScorecard)> ForAsync(Actor actor, Role? role, CandidateLoop? candidate, Guid? interviewId,
        CancellationToken ct)
    {
        var known = await people.IsKnownAsync(actor.Email, ct);
        var seats = candidate is null ? [] : await candidates.SeatsAsync(candidate.LoopId, actor.Email, ct);
        var relations = Permissions.RelationsOf(actor.Email, known, role, seats, interviewId);
        if (directory.Settings(Organisations.OrgScope.Required).IsAdmin(actor.Email)) relations |= Relation.OrgAdmin;
        return (relations, Permissions.OwesScorecard(seats));
    }
}
