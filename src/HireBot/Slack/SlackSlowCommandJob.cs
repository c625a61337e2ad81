using HireBot.Cards;
using HireBot.Core.Commands;
using HireBot.Hiring;
using HireBot.Inbox;
using Quartz;

namespace HireBot.Slack;

/// <summary>
/// Runs a slash command that may outlast Slack's 3-second acknowledgement (scheduling reads every
/// panelist's calendar; setting a hiring channel asks Slack whether the bot can post there) as a
/// durable Quartz job, and posts its answer to the command's response_url, which stays valid for
/// 30 minutes. The endpoint acknowledges at once. A failure is always answered there too: one that
/// retrying can help (a calendar that did not answer) is tried again a little later, up to
/// <see cref="MaxAttempts"/>, saying so; any other says what went wrong, so "Working on it" never
/// stays the last word.
/// </summary>
public sealed partial class SlackSlowCommandJob(CommandHandler commands, MessageRenderer renderer, BlockKitTranslator translator,
    SlackResponseUrlClient responses, SlackJobDataSeal seal, TimeProvider clock, ILogger<SlackSlowCommandJob> logger) : IJob
{
    /// <summary>Commands that read external calendars before they can answer.</summary>
    public static readonly IReadOnlySet<string> Slow = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "schedule", "reschedule" };

    /// <summary>Whether the command calls out (calendars, or Slack's Web API to check a hiring channel) before it can answer.</summary>
    public static bool RunsInBackground(Command command) =>
        Slow.Contains(command.Name) || (command.Name is "role channel" or "role create" && command["channel"] is not null);

    /// <summary>What the acknowledgement says while the job runs.</summary>
    public static string Acknowledgement(Command command) => Slow.Contains(command.Name)
        ? "Working on it: checking calendars. The options will appear here in a moment."
        : "Working on it: checking that I can post in that channel. The answer will appear here in a moment.";

    /// <summary>Runs of one command at most; each failed run posts once, within the response_url's five posts.</summary>
    public const int MaxAttempts = 3;

    /// <summary>What the job carries, sealed as one value (<see cref="SlackJobDataSeal"/>): Quartz's tables see only ciphertext.</summary>
    private sealed record Work(string Email, string ReplyTo, string Text, string ResponseUrl);

    private const string SealedKey = "sealed";

    public static Task EnqueueAsync(IScheduler scheduler, SlackJobDataSeal seal, Actor actor, string text, string responseUrl, CancellationToken ct) =>
        ScheduleAsync(scheduler, seal, new Work(actor.Email, actor.ReplyTo ?? "", text, responseUrl), attempt: 1,
            // "Now" on the scheduler's clock (the bot's TimeProvider), not the machine's: they differ in tests.
            TriggerBuilder.Create().StartAt(scheduler.TimeProvider.GetUtcNow()).Build(), ct);

    private static async Task ScheduleAsync(IScheduler scheduler, SlackJobDataSeal seal, Work work, int attempt, ITrigger trigger, CancellationToken ct)
    {
        var name = $"slack-command-{Guid.NewGuid()}";
        var job = JobBuilder.Create<SlackSlowCommandJob>()
            .WithIdentity(name, "slack")
            .UsingJobData(SealedKey, seal.Seal(System.Text.Json.JsonSerializer.Serialize(work), name))
            .UsingJobData("attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UsingJobData(Organisations.OrgScope.JobDataKey, Organisations.OrgScope.Required.ToString())
            .RequestRecovery()
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions(), ct);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        if (!seal.TryOpen(data.GetString(SealedKey), context.JobDetail.Key.Name, out var json)
            || System.Text.Json.JsonSerializer.Deserialize<Work>(json) is not { } work)
        {
            // Sealed under a signing secret or key that has since changed: nobody can be answered.
            LogUnopened(logger);
            return;
        }
        using var org = Organisations.OrgScope.Enter(Organisations.OrgScope.FromJobData(data));
        var text = work.Text;
        var attempt = data.ContainsKey("attempt") && int.TryParse(data.GetString("attempt"), out var n) ? n : 1;
        var actor = new Actor(work.Email, work.Email, "slack", string.IsNullOrEmpty(work.ReplyTo) ? null : work.ReplyTo);
        SlackResponseMessage answer;
        try
        {
            var reply = await commands.HandleAsync(actor, text, cancellationToken);
            var message = translator.ToMessage(renderer.Render(reply.Kind, reply.Data));
            answer = new SlackResponseMessage(message["text"]?.GetValue<string>() ?? reply.Summary, message["blocks"]?.AsArray(), InChannel: reply.Public);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            answer = await FailedAsync(context, work, attempt, e, cancellationToken);
        }
        await responses.PostAsync(work.ResponseUrl, answer, cancellationToken);
    }

    /// <summary>What to post for a failed run; a run that can help is scheduled first.</summary>
    private async Task<SlackResponseMessage> FailedAsync(IJobExecutionContext context, Work work, int attempt, Exception e, CancellationToken ct)
    {
        var text = work.Text;
        var verb = text.Trim().Split(' ')[0].ToLowerInvariant();
        var cause = CommandFailure.Describe(e);
        if (CommandFailure.CanRetry(e) && attempt < MaxAttempts)
        {
            var wait = RetryDelay(attempt, (e as Calendar.CalendarException)?.RetryAfter);
            await ScheduleAsync(context.Scheduler, seal, work, attempt + 1, TriggerBuilder.Create().StartAt(clock.GetUtcNow() + wait).Build(), ct);
            LogRetrying(logger, verb, e.GetType().Name, attempt, wait.TotalSeconds);
            return new SlackResponseMessage(
                $"`{verb}` did not finish: {cause}. Trying again in {wait.TotalSeconds:0} seconds (attempt {attempt + 1} of {MaxAttempts}); the answer will appear here.");
        }
        LogFailed(logger, verb, e.GetType().Name, attempt);
        var advice = CommandFailure.CanRetry(e) ? $"Tried {attempt} times; please run `/hire {text.Trim()}` again in a few minutes." : "Trying again will not help until that is fixed.";
        return new SlackResponseMessage($"Sorry, `{verb}` could not finish: {cause}. {advice}");
    }

    /// <summary>15 s, then 60 s, or longer when the calendar asked for it (within the response_url's 30 minutes).</summary>
    private static TimeSpan RetryDelay(int attempt, TimeSpan? asked)
    {
        var planned = TimeSpan.FromSeconds(attempt == 1 ? 15 : 60);
        return asked is { } a && a > planned ? TimeSpan.FromSeconds(Math.Min(a.TotalSeconds, 600)) : planned;
    }

    [LoggerMessage(EventId = 6290, Level = LogLevel.Warning, Message = "Slack slow command {Verb} failed ({Error}) on attempt {Attempt}; retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string verb, string error, int attempt, double seconds);

    [LoggerMessage(EventId = 6292, Level = LogLevel.Warning, Message = "Slack slow command job could not be opened (sealed under another secret); dropped")]
    private static partial void LogUnopened(ILogger logger);

    [LoggerMessage(EventId = 6291, Level = LogLevel.Warning, Message = "Slack slow command {Verb} failed ({Error}) on attempt {Attempt}; the user was told")]
    private static partial void LogFailed(ILogger logger, string verb, string error, int attempt);
}
