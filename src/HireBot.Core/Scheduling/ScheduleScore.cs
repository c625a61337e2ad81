namespace HireBot.Core.Scheduling;

/// <summary>
/// The objective values of one schedule, compared in this order (lexicographic): the day keys
/// (see <see cref="DayPreference"/>), then <see cref="LoadPerMille"/>, then
/// <see cref="IdleMinutes"/>, then the round start times, earliest first.
/// </summary>
/// <param name="LoadPerMille">Sum over panel seats of the panelist's load before the seat divided
/// by their weekly cap, in thousandths: lower means the work goes to less loaded people.</param>
/// <param name="IdleMinutes">Candidate waiting time between rounds on the same day beyond the
/// buffer, counted in whole slots.</param>
public sealed record ScheduleScore(
    int DaysUsed,
    int DaySpan,
    long LoadPerMille,
    int IdleMinutes,
    bool PanelistsRepeat);
