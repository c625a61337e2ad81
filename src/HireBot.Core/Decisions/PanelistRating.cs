namespace HireBot.Core.Decisions;

/// <summary>One panelist's rating of one competency in one loop (two interviews by the same person already averaged).</summary>
public sealed record PanelistRating(string Panelist, double Rating);
