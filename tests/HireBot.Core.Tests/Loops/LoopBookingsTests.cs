using HireBot.Core.Loops;
using HireBot.Core.Scheduling;
using static HireBot.Core.Loops.LoopEffect;

namespace HireBot.Core.Tests.Loops;

/// <summary>
/// Booking, rescheduling, withdrawing and replacing, as tables: loop state × request → the new
/// state and the effects, or the error the person sees. Effects are written as short words
/// (<see cref="Describe"/>); N1, N2 … are the ids the booking made, B1 … B3 the booked interviews.
/// </summary>
public class LoopBookingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private const string Recruiter = "rita@example.com";

    private static readonly Guid B1 = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid B2 = Guid.Parse("00000000-0000-0000-0000-0000000000b2");
    private static readonly Guid B3 = Guid.Parse("00000000-0000-0000-0000-0000000000b3");

    /// <summary>The latest proposal run (run 2): options 201 and 202. Option 101 was on an older card.</summary>
    private static readonly Dictionary<int, ScheduleOption> Offered = new()
    {
        [201] = Option(1, Round("screen", 5, 10, ["ann@example.com"], ["sam@example.com"]), Round("onsite", 6, 14, ["bob@example.com", "cat@example.com"], [])),
        [202] = Option(2, Round("screen", 9, 9, ["ann@example.com"], [])),
    };

    /// <summary>
    /// B1 already happened (with an event); B2 is ahead without its event yet; B3 is ahead with one,
    /// whose attendees the calendar refused to change after a replacement.
    /// </summary>
    private static readonly BookedInterview[] Booked =
    [
        Interview(B1, "screen", Now.AddDays(-1), "ev-1", "ann@example.com"),
        Interview(B2, "onsite", Now.AddDays(1), null, "bob@example.com", "cat@example.com"),
        Interview(B3, "final", Now.AddDays(2), "ev-3", "dan@example.com") with { AttendeesStale = true },
    ];

    public static TheoryData<LoopState, int, bool, string> Picks => new()
    {
        { LoopState.Scheduling, 201, false,
            "Scheduled: book N1 screen; triggers N1; book N2 onsite; triggers N2; kit N1 ann@example.com; kit N1 sam@example.com; " +
            "kit N2 bob@example.com; kit N2 cat@example.com; confirm 201 rita@example.com; invite N1 screen; invite N2 onsite; audit scheduled rita@example.com" },
        { LoopState.Scheduling, 202, false,
            "Scheduled: book N1 screen; triggers N1; kit N1 ann@example.com; confirm 202 rita@example.com; invite N1 screen; audit scheduled rita@example.com" },
        // A card from an older proposal run, or a number never offered.
        { LoopState.Scheduling, 101, false, "error: " + LoopBookings.NotOffered },
        { LoopState.Scheduling, 203, false, "error: " + LoopBookings.NotOffered },
        // A double click: the booking is not repeated; triggers are set again, and the missing invitation
        // and the refused attendee change are asked for again.
        { LoopState.Scheduled, 201, true, "Scheduled (repeated): triggers B1; triggers B2; triggers B3; invite B2 onsite again; reinvite B3 again" },
        { LoopState.InProgress, 202, true, "InProgress (repeated): triggers B1; triggers B2; triggers B3; invite B2 onsite again; reinvite B3 again" },
        { LoopState.Scheduled, 201, false, "Scheduled (repeated): " },
        { LoopState.Draft, 201, false, "error: The loop is a draft, so it cannot be booked now." },
        { LoopState.AwaitingFeedback, 201, true, "error: The loop is awaiting feedback, so it cannot be booked now." },
        { LoopState.Decided, 201, true, "error: The loop is decided, so it cannot be booked now." },
        { LoopState.Withdrawn, 201, false, "error: The loop is withdrawn, so it cannot be booked now." },
    };

    [Theory]
    [MemberData(nameof(Picks))]
    public void Picking_an_option_books_it_once_and_only_while_it_is_offered(LoopState state, int optionNo, bool hasBookings, string expected)
    {
        var made = 0;
        var ids = new List<Guid>();
        var outcome = LoopBookings.Book(Snapshot(state, hasBookings), optionNo, () =>
        {
            var id = Guid.Parse($"00000000-0000-0000-0000-{++made:x12}");
            ids.Add(id);
            return id;
        });

        Assert.Equal(expected, Show(outcome, ids));
    }

    public static TheoryData<LoopState, bool, string> Reschedules => new()
    {
        // The round already held (B1) is kept; those ahead are cancelled, with their events where they exist.
        { LoopState.Scheduled, true, "Scheduling: cancel B2; untrigger B2; cancel B3; untrigger B3; uninvite B3 ev-3 (rescheduled)" },
        { LoopState.InProgress, true, "Scheduling: cancel B2; untrigger B2; cancel B3; untrigger B3; uninvite B3 ev-3 (rescheduled)" },
        { LoopState.AwaitingFeedback, false, "Scheduling: " },
        // A retried reschedule that already cancelled: nothing more to cancel, propose again.
        { LoopState.Scheduling, false, "Scheduling (repeated): " },
        { LoopState.Draft, false, "error: The loop is a draft, so it cannot be rescheduled now." },
        { LoopState.Decided, true, "error: The loop is decided, so it cannot be rescheduled now." },
        { LoopState.Withdrawn, false, "error: The loop is withdrawn, so it cannot be rescheduled now." },
    };

    [Theory]
    [MemberData(nameof(Reschedules))]
    public void Rescheduling_cancels_only_the_rounds_still_ahead(LoopState state, bool hasBookings, string expected) =>
        Assert.Equal(expected, Show(LoopBookings.Reschedule(Snapshot(state, hasBookings)), []));

    public static TheoryData<LoopState, bool, string> Withdrawals => new()
    {
        { LoopState.Scheduled, true,
            "Withdrawn: cancel B1; untrigger B1; uninvite B1 ev-1 (withdrawn); cancel B2; untrigger B2; cancel B3; untrigger B3; uninvite B3 ev-3 (withdrawn)" },
        { LoopState.Draft, false, "Withdrawn: " },
        { LoopState.Scheduling, false, "Withdrawn: " },
        { LoopState.AwaitingFeedback, false, "Withdrawn: " },
        { LoopState.Decided, true, "error: The loop is already decided; it cannot be withdrawn." },
        { LoopState.Withdrawn, false, "error: The loop is already withdrawn; it cannot be withdrawn." },
    };

    [Theory]
    [MemberData(nameof(Withdrawals))]
    public void Cancelling_withdraws_the_loop_and_every_booked_round(LoopState state, bool hasBookings, string expected) =>
        Assert.Equal(expected, Show(LoopBookings.Withdraw(Snapshot(state, hasBookings)), []));

    [Fact]
    public void A_decision_cancels_every_booked_round_with_its_own_comment()
    {
        var effects = LoopBookings.CancelBooked(Booked, null, LoopBookings.DecisionComment);

        Assert.Equal("cancel B1; untrigger B1; uninvite B1 ev-1 (decided); cancel B2; untrigger B2; cancel B3; untrigger B3; uninvite B3 ev-3 (decided)",
            string.Join("; ", effects.Select(e => Describe(e, []))));
    }

    public static TheoryData<string, string, string?, bool, string> Replacements => new()
    {
        { "bob@example.com", "eve@example.com", null, true,
            "swap B2 bob@example.com->eve@example.com; unkit B2 bob@example.com; kit B2 eve@example.com; reinvite B2" },
        // Emails are matched without regard to case (the panel is stored lower-case).
        { "BOB@example.com", "eve@example.com", null, true,
            "swap B2 BOB@example.com->eve@example.com; unkit B2 BOB@example.com; kit B2 eve@example.com; reinvite B2" },
        // Accepted before: nothing to do, whatever happened since.
        { "bob@example.com", "eve@example.com", "rita@example.com", false, "" },
        { "bob@example.com", "eve@example.com", null, false, "error: " + LoopBookings.PanelChanged },
        { "zed@example.com", "eve@example.com", null, true, "error: " + LoopBookings.PanelChanged },
        { "bob@example.com", "Cat@example.com", null, true, "error: " + LoopBookings.PanelChanged },
    };

    [Theory]
    [MemberData(nameof(Replacements))]
    public void Accepting_a_replacement_swaps_the_panelist_once(string declined, string proposed, string? acceptedBefore, bool stillBooked, string expected)
    {
        var outcome = LoopBookings.Replace(stillBooked ? Booked[1] : null, Guid.NewGuid(), declined, proposed, acceptedBefore);

        Assert.Equal(expected, outcome.IsOk ? string.Join("; ", outcome.Value!.Select(e => Describe(e, []))) : "error: " + outcome.Error);
    }

    [Fact]
    public void Calendar_changes_carry_the_interview_id_as_the_transaction_id() =>
        Assert.Equal($"interview:{B2}", LoopEffect.TransactionId(B2));

    private static LoopSnapshot Snapshot(LoopState state, bool hasBookings) =>
        new(Guid.NewGuid(), state, Offered, hasBookings ? Booked : [], Now, Recruiter);

    private static string Show(Outcome<LoopChange> outcome, IReadOnlyList<Guid> made) =>
        outcome.IsOk
            ? $"{outcome.Value!.State}{(outcome.Value.Repeated ? " (repeated)" : "")}: {string.Join("; ", outcome.Value.Effects.Select(e => Describe(e, made)))}"
            : "error: " + outcome.Error;

    private static string Describe(LoopEffect effect, IReadOnlyList<Guid> made)
    {
        string Name(Guid id) => id == B1 ? "B1" : id == B2 ? "B2" : id == B3 ? "B3" : $"N{made.ToList().IndexOf(id) + 1}";
        return effect switch
        {
            InterviewBooked b => $"book {Name(b.InterviewId)} {b.Round.RoundId}",
            InterviewCancelled c => $"cancel {Name(c.InterviewId)}",
            PanelistReplaced r => $"swap {Name(r.InterviewId)} {r.Declined}->{r.Proposed}",
            KitQueued k => $"kit {Name(k.InterviewId)} {k.Panelist}",
            KitWithdrawn k => $"unkit {Name(k.InterviewId)} {k.Panelist}",
            ConfirmationQueued c => $"confirm {c.OptionNo} {c.Recruiter}",
            CalendarCreate c => $"invite {Name(c.InterviewId)} {c.RoundId}" + (c.Attempt == $"again-{Now.ToUnixTimeMilliseconds()}" ? " again" : c.Attempt),
            CalendarUpdate u => $"reinvite {Name(u.InterviewId)}" + (u.Attempt == $"again-{Now.ToUnixTimeMilliseconds()}" ? " again" : u.Attempt),
            CalendarCancel x => $"uninvite {Name(x.InterviewId)} {x.EventId} ({Comment(x.Comment)})",
            TriggersScheduled t => $"triggers {Name(t.InterviewId)}",
            TriggersRemoved t => $"untrigger {Name(t.InterviewId)}",
            Audited a => $"audit {a.Action} {a.Actor}",
            _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "An effect this table does not describe yet."),
        };
    }

    private static string Comment(string comment) => comment switch
    {
        LoopBookings.RescheduleComment => "rescheduled",
        LoopBookings.WithdrawComment => "withdrawn",
        LoopBookings.DecisionComment => "decided",
        _ => comment,
    };

    private static ScheduleOption Option(int rank, params ScheduledRound[] rounds) => new(rank, rounds, new ScheduleScore(1, 1, 0, 0, false), "");

    private static ScheduledRound Round(string id, int day, int hour, string[] panel, string[] shadows)
    {
        var start = new DateTimeOffset(2026, 3, day, hour, 0, 0, TimeSpan.Zero);
        return new ScheduledRound(id, id, start, start.AddHours(1), panel, shadows, 0);
    }

    private static BookedInterview Interview(Guid id, string round, DateTimeOffset start, string? eventId, params string[] panel) =>
        new(id, Guid.Empty, round, start, start.AddHours(1), eventId, [.. panel.Select(p => new BookedPanelist(p, false, "none"))]);
}
