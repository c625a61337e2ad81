namespace HireBot.Ats.Ashby;

/// <summary>
/// Ashby answered but refused the call for good: <c>success: false</c> with an <c>errorInfo.code</c>
/// (https://developers.ashbyhq.com/docs/responses: what would be 4xx comes back as HTTP 200), or a
/// 401/403/4xx status. Not worth repeating; reads turn it into <see cref="AtsException"/>, writes into
/// <see cref="AtsWriteResult.Refused"/>.
/// </summary>
internal sealed class AshbyRefusal(string method, string code) : Exception($"Ashby refused {method}: {code}")
{
    public string Method { get; } = method;

    /// <summary>Ashby's error code (e.g. <c>application_not_found</c>, <c>invalid_input</c>) or <c>http_401</c>.</summary>
    public string Code { get; } = code;
}
