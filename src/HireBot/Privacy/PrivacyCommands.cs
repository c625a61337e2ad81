using HireBot.Hiring;

namespace HireBot.Privacy;

/// <summary><c>candidate forget &lt;candidate&gt;</c> and <c>audit &lt;candidate&gt;</c>; Core's Permissions limits both to the role's recruiters.</summary>
public sealed class PrivacyCommands(CandidateEraser eraser, AuditStore audit, TimeProvider clock) : ICommandFeature
{
    public IReadOnlyList<string> Commands => ["candidate forget", "audit"];

    public async Task<BotReply> HandleAsync(CommandContext c, CancellationToken ct) => c.Command.Name switch
    {
        "candidate forget" => await ForgetAsync(c, ct),
        "audit" => await AuditAsync(c, ct),
        _ => BotReply.Error($"`{c.Command.Name}` is not a privacy command."),
    };

    private async Task<BotReply> ForgetAsync(CommandContext c, CancellationToken ct)
    {
        var x = c.Candidate!;
        if (await eraser.ForgetAsync(x.CandidateId, c.Actor.Email, clock.GetUtcNow(), ct) is not { } done)
            return BotReply.Text("This candidate was already forgotten; `audit` shows when and by whom.");
        // The answer does not name the candidate: it is a message stored like any other, after the erasure.
        return BotReply.Text(
            $"Forgot the candidate: name, email, scorecard evidence and notes, and the decision reason are erased; the ratings stay, without a name, for calibration. " +
            (done.InterviewsCancelled > 0 ? $"Cancelled {Core.Text.Counted.Of(done.InterviewsCancelled, "interview")}. " : "") +
            (done.MessagesWithdrawn > 0 ? $"Withdrew {Core.Text.Counted.Of(done.MessagesWithdrawn, "pending message")}. " : "") +
            (done.EventsToCancel > 0 ? $"Cancelling {Core.Text.Counted.Of(done.EventsToCancel, "calendar event")} in the background; you will be told if the calendar refuses. " : "") +
            $"The record stays under `audit {c.Role!.Slug}:{done.Placeholder}`.");
    }

    private async Task<BotReply> AuditAsync(CommandContext c, CancellationToken ct)
    {
        var entries = await audit.ListAsync(c.Candidate!.CandidateId, ct);
        return entries.Count == 0
            ? BotReply.Text($"Nothing recorded for {c.Candidate.Name} yet.")
            : BotReply.Text($"Audit of {c.Candidate.Name} (`{c.Role!.Slug}`):\n" + string.Join("\n", entries.Select(e => e.Line)));
    }
}
