using HireBot.Demo;

namespace HireBot.Tests.Demo;

[CollectionDefinition(nameof(DemoTests), DisableParallelization = true)]
public sealed class DemoCollection;

/// <summary>The README's demo command plays a whole loop through the real code paths; it must keep working.</summary>
[Collection(nameof(DemoTests))]
public class DemoTests
{
    [Fact]
    public async Task The_demo_plays_a_whole_loop_from_role_to_decision()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await DemoRunner.RunAsync(CancellationToken.None);
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("Booked Ada Lovelace's interviews", text);
        Assert.Contains("── to bea@example.com (nudge) ──", text);
        Assert.Contains("Hiring digest: Ada Lovelace", text);
        Assert.Contains("Recorded: Hire for Ada Lovelace", text);
        // Raj's history (a point below his peers) adjusts the digest and reaches him privately; the recruiter sees the table.
        Assert.Matches(@"Raj rates \d\.\d below the panel average over 6 scorecards", text);
        Assert.Contains("Without the adjustment the score would be", text);
        Assert.Matches(@"── to raj@example\.com \(message\) ──\s+Your rating calibration", text);
        Assert.Contains("Interviewer calibration: Senior Backend Engineer", text);
        Assert.Matches(@"Raj: \d+ scorecards · leniency −", text);
        Assert.Contains("Demo complete.", text);
    }
}
