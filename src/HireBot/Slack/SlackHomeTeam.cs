using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>
/// The workspace SLACK_BOT_TOKEN belongs to, asked of Slack once with auth.test at start (and again
/// every <see cref="RetryEvery"/> until Slack answers). That workspace is the only one the token
/// speaks for: a request or delivery for any other team never uses it, and in single-workspace mode
/// (no SLACK_ALLOWED_TEAM_IDS) it is the only workspace admitted. Requests never call Slack for it:
/// until it is known they are answered "still connecting".
/// </summary>
public sealed class SlackHomeTeam(SlackWebApiClient api, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackHomeTeam> log) : IHostedService, IDisposable
{
    /// <summary>How long start waits for auth.test before carrying on and retrying in the background.</summary>
    public static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;
    private volatile string? _teamId;

    /// <summary>The bot token's team id; null without SLACK_BOT_TOKEN or until Slack has answered.</summary>
    public string? TeamId => _teamId;

    /// <summary>A bot token is configured but Slack has not yet said whose it is.</summary>
    public bool Pending => options.Value.BotToken.Length > 0 && _teamId is null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BotToken.Length == 0) return;
        using var budget = new CancellationTokenSource(StartBudget, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token, _stopping.Token);
        if (await TryLearnAsync(linked.Token)) return;
        _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try { await _retrying.WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && _teamId is null)
        {
            try { await Task.Delay(RetryEvery, clock, ct); }
            catch (OperationCanceledException) { return; }
            await TryLearnAsync(ct);
        }
    }

    private async Task<bool> TryLearnAsync(CancellationToken ct)
    {
        try
        {
            _teamId = await api.TeamOfTokenAsync(options.Value.BotToken, ct);
            log.HomeTeamKnown(_teamId);
            return true;
        }
        catch (SlackApiException e)
        {
            log.HomeTeamUnknown(e.ErrorCode);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            log.HomeTeamUnknown("timeout");
        }
        catch (OperationCanceledException)
        {
        }
        return false;
    }

    public void Dispose() => _stopping.Dispose();
}
