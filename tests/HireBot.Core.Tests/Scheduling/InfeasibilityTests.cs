using HireBot.Core.People;
using HireBot.Core.Scheduling;
using static HireBot.Core.Tests.Scheduling.Fixture;

namespace HireBot.Core.Tests.Scheduling;

public class InfeasibilityTests
{
    public static TheoryData<string, BlockingConstraint, string> Cases() => new()
    {
        { "qualification", BlockingConstraint.Qualification, "only 1 qualified interviewer, 2 needed" },
        { "candidate", BlockingConstraint.CandidateAvailability, "no free 60-minute window" },
        { "hours", BlockingConstraint.WorkingHours, "0 of 1 qualified interviewers are within working hours" },
        { "busy", BlockingConstraint.Calendar, "only 0 of 1 qualified interviewers free" },
        { "cap", BlockingConstraint.WeeklyCap, "under their weekly cap" },
        { "sequence", BlockingConstraint.Sequencing, "no time after round 'Round r0'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Infeasible_request_names_the_round_and_the_blocking_constraint(string kind, BlockingConstraint constraint, string text)
    {
        var from = Utc(3, 5, 9);
        var to = Utc(3, 5, 11);
        var person = Person("a@x.io", "UTC") with { QualifiedRoundIds = ["r0", "r1"] };
        var round = Round("r0");
        var rounds = new List<RoundRequirement> { round };
        var request = Request(from, to, rounds, [person]);
        request = kind switch
        {
            "qualification" => request with { Rounds = [round with { PanelSize = 2 }] },
            "candidate" => request with { CandidateAvailability = [new(from, from.AddMinutes(45))] },
            "hours" => request with { Interviewers = [person with { WorkingHours = WorkingHours.None }] },
            "busy" => request with { Interviewers = [person with { Busy = [new(from, to)] }] },
            "cap" => request with { Interviewers = [person with { WeeklyCap = 0 }] },
            _ => request with { Rounds = [round, Round("r1", 90)] },
        };

        var result = LoopScheduler.Schedule(request);

        Assert.False(result.IsFeasible);
        var blocker = Assert.Single(result.Blockers);
        Assert.Equal(constraint, blocker.Constraint);
        Assert.Contains(text, blocker.Message);
        Assert.Equal(kind == "sequence" ? "r1" : "r0", blocker.RoundId);
    }

    [Fact]
    public void Unknown_time_zone_is_reported_as_invalid_input()
    {
        var request = Request(Utc(3, 5, 9), Utc(3, 5, 17), [Round("r0")], [Fixture.Person("a@x.io", "Mars/Olympus")]);

        var blocker = Assert.Single(LoopScheduler.Schedule(request).Blockers);

        Assert.Equal(BlockingConstraint.InvalidInput, blocker.Constraint);
        Assert.Contains("Mars/Olympus", blocker.Message);
    }
}
