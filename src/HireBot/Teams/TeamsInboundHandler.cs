namespace HireBot.Teams;

/// <summary>
/// What the host does with a verified, parsed activity. Return a <see cref="TeamsInvokeResponse"/>
/// for invokes (<see cref="TeamsCardAction.IsInvoke"/>), null otherwise. Must finish well inside
/// Teams' 15 s deadline: store state and outbox rows, send nothing slow inline.
/// </summary>
/// <param name="services">The request's scoped services.</param>
public delegate Task<TeamsInvokeResponse?> TeamsInboundHandler(TeamsInbound inbound, IServiceProvider services, CancellationToken cancellationToken);
