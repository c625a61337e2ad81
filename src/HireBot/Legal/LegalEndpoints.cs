using System.Net;

namespace HireBot.Legal;

/// <summary>
/// The privacy and terms pages the Teams app manifest links to (<c>privacyUrl</c>, <c>termsOfUseUrl</c>).
/// HireBot is run by the organisation that deploys it, so the pages say what the bot itself stores
/// and where; an organisation with its own policy points <c>Legal__PrivacyUrl</c> and
/// <c>Legal__TermsUrl</c> at it and these routes redirect there.
/// </summary>
public static class LegalEndpoints
{
    public const string PrivacyPath = "/privacy";
    public const string TermsPath = "/terms";

    public static IEndpointRouteBuilder MapLegal(this IEndpointRouteBuilder app)
    {
        var config = app.ServiceProvider.GetRequiredService<IConfiguration>();
        app.MapGet(PrivacyPath, () => Page(config["Legal:PrivacyUrl"], "HireBot privacy", Privacy));
        app.MapGet(TermsPath, () => Page(config["Legal:TermsUrl"], "HireBot terms of use", Terms));
        return app;
    }

    private static IResult Page(string? elsewhere, string title, string[] paragraphs)
    {
        if (Uri.TryCreate(elsewhere, UriKind.Absolute, out var target) && target.Scheme == Uri.UriSchemeHttps)
            return Results.Redirect(target.AbsoluteUri);
        var body = string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"));
        return Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>",
            "text/html; charset=utf-8");
    }

    private static readonly string[] Privacy =
    [
        "HireBot is operated by the organisation that installed it, not by a third party. Everything it keeps is in that organisation's own PostgreSQL database.",
        "What it keeps: roles and their rubrics; candidates' names and email addresses; interview times, panels and calendar event ids; the scorecards panelists submit; hiring decisions; and, for each person who uses it in chat, their platform user id, conversation reference and work email.",
        "What it sends: interview kits, scorecard requests, reminders and digests to the people and channels of the loop, and calendar invitations through the organisation's calendar.",
        "What it never does: it does not show a panelist anyone else's feedback before they submit their own, and it does not write candidate data to its logs.",
        "Questions about this data go to the organisation's HireBot administrators.",
    ];

    private static readonly string[] Terms =
    [
        "HireBot helps the organisation that installed it run structured interview loops. Using it in Teams or Slack means using it under that organisation's policies.",
        "The digest's scores and verdicts summarise what panelists submitted; the hiring decision is made by people and recorded by the recruiter.",
    ];
}
