namespace HireBot.Core.Decisions;

/// <summary>
/// <c>decide &lt;candidate&gt; hire|no-hire &lt;reason&gt;</c> as typed, by whom and when. Who may decide
/// (the role's recruiters and hiring managers, none of them owing a scorecard on the candidate) is
/// <c>Permissions</c>' rule for <c>decide</c>, checked before the loop is loaded.
/// </summary>
public sealed record DecisionRequest(string Decision, string Reason, string ActorEmail, string ActorName, DateTimeOffset Now);
