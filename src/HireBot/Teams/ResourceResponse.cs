namespace HireBot.Teams;

/// <summary>The connector's answer to a send, reply or update: the id of the activity.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
}
