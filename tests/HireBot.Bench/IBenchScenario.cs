namespace HireBot.Bench;

/// <summary>One benchmark scenario, picked by name on the command line.</summary>
public interface IBenchScenario
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(string[] args, CancellationToken cancellationToken);
}
