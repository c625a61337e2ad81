using System.Diagnostics;
using HireBot.Outbox;

namespace HireBot.Tests.Background;

/// <summary>The wake-up between a commit and the loop that should act on it.</summary>
public class WakeSignalTests
{
    [Fact]
    public async Task Work_signalled_while_the_loop_is_busy_wakes_its_next_wait_at_once()
    {
        var signal = new OutboxSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(30), default);
        signal.Notify();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5)); // woken, now "processing"

        signal.Notify(); // a commit while the loop is busy
        signal.Notify(); // and another: still one wake-up, no exception
        var clock = Stopwatch.StartNew();
        await signal.WaitAsync(TimeSpan.FromSeconds(10), default);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the next wait slept {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Without_a_signal_the_wait_lasts_its_timeout()
    {
        var signal = new OutboxSignal();
        var clock = Stopwatch.StartNew();
        await signal.WaitAsync(TimeSpan.FromMilliseconds(300), default);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250));
    }
}
