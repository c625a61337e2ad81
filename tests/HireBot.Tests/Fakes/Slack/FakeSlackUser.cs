namespace HireBot.Tests.Fakes.Slack;

/// <summary>A workspace member known to FakeSlack.</summary>
public sealed record FakeSlackUser(string Id, string Email, string RealName, string TimeZone);
