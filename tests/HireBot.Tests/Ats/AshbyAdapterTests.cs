using System.Text;
using System.Text.Json.Nodes;
using HireBot.Ats;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Ashby;

namespace HireBot.Tests.Ats;

public sealed class AshbyAdapterTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Open_jobs_come_with_their_plan_stages_in_order_and_interview_stages_marked()
    {
        await using var h = await AshbyHarness.StartAsync();
        var backend = h.Ashby.Store.AddJob("Backend Engineer", ("Application Review", "Lead"), ("Recruiter Screen", "PreInterviewScreen"), ("Onsite", "Active"), ("Offer", "Offer"));
        h.Ashby.Store.AddJob("Designer", ("Onsite", "Active"));
        h.Ashby.Store.AddJob("Data Engineer", ("Onsite", "Active"));
        h.Ashby.Store.CloseJob(h.Ashby.Store.AddJob("Old role", ("Onsite", "Active")).Id);

        var jobs = await h.Adapter.ListJobsAsync(h.Connection, CancellationToken.None).ToListAsync();

        Assert.Equal(["Backend Engineer", "Designer", "Data Engineer"], jobs.Select(j => j.Name));
        var stages = jobs[0].Stages;
        Assert.Equal(backend.StageIds, stages.Select(s => s.Id));
        Assert.Equal([false, false, true, false], stages.Select(s => s.IsInterview));
        Assert.Equal(2, h.Ashby.CallsTo("job.list").Length);
        Assert.Contains("\"status\":[\"Open\"]", h.Ashby.CallsTo("job.list")[0].Body);
        Assert.Contains("\"cursor\":\"c2\"", h.Ashby.CallsTo("job.list")[1].Body);
    }

    [Fact]
    public async Task Applications_page_through_cursors_and_a_watermark_keeps_only_later_changes_oldest_first()
    {
        await using var h = await AshbyHarness.StartAsync();
        var job = h.Ashby.Store.AddJob("Backend Engineer", ("Screen", "PreInterviewScreen"), ("Onsite", "Active"));
        var old = h.Ashby.Store.AddApplication(job.Id, job.StageIds[0], "Ada Old", "ada@candidates.test", Day.AddDays(-9), Day.AddDays(-9));
        var later = h.Ashby.Store.AddApplication(job.Id, job.StageIds[1], "Bo Later", "bo@candidates.test", Day.AddDays(-8), Day.AddHours(2));
        var moved = h.Ashby.Store.AddApplication(job.Id, job.StageIds[0], "Cy Moved", null, Day.AddDays(-20), Day.AddDays(-20));
        h.Ashby.Store.AddApplication(job.Id, job.StageIds[1], "Di Archived", "di@candidates.test", Day.AddDays(-7), Day.AddDays(-7), status: "Archived");
        h.Ashby.Store.AddApplication(job.Id, job.StageIds[1], "Ed Quiet", "ed@candidates.test", Day.AddDays(-6), Day.AddDays(-6));

        var all = await h.Adapter.ListApplicationsAsync(h.Connection, null, CancellationToken.None).ToListAsync();
        h.Ashby.Store.MoveApplication(moved, job.StageIds[1], Day.AddHours(1));
        var since = await h.Adapter.ListApplicationsAsync(h.Connection, Day, CancellationToken.None).ToListAsync();

        Assert.Equal(5, all.Count);
        Assert.Equal(3, h.Ashby.CallsTo("application.list").Length / 2);
        Assert.Equal([moved, later], since.Select(a => a.Id));
        var cy = since[0];
        Assert.True(cy.AtInterviewStage);
        Assert.Equal(job.StageIds[1], cy.StageId);
        Assert.Equal("Cy Moved", cy.CandidateName);
        Assert.EndsWith("@candidates.test", cy.CandidateEmail);
        Assert.Equal(2, h.Ashby.CallsTo("candidate.info").Length);
        Assert.False(all.Single(a => a.Id == old).AtInterviewStage);
        Assert.False(all.Single(a => a.CandidateName == "Di Archived").AtInterviewStage);
        Assert.Equal(job.Id, cy.JobId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Interviews_come_with_their_interviewers_emails(bool legacyInterviewerIds)
    {
        await using var h = await AshbyHarness.StartAsync();
        var (application, eventId, _) = Seed(h.Ashby.Store);
        h.Ashby.Store.LegacyInterviewerIds = legacyInterviewerIds;
        var cancelled = h.Ashby.Store.AddSchedule(application, "Cancelled");
        h.Ashby.Store.AddEvent(cancelled, h.Ashby.Store.Interviews.Keys.First(), Day, Day.AddHours(1), h.Ashby.Store.Users.Keys.First());

        var interview = Assert.Single(await h.Adapter.ListInterviewsAsync(h.Connection, application, CancellationToken.None));

        Assert.Equal(eventId, interview.Id);
        Assert.Equal("System design", interview.Name);
        Assert.Equal(Day.AddDays(1), interview.StartUtc);
        Assert.Equal(Day.AddDays(1).AddHours(1), interview.EndUtc);
        Assert.Equal(["rae@company.test", "sam@company.test"], interview.Interviewers.Select(i => i.Email));
        Assert.Equal("Rae Lee", interview.Interviewers[0].Name);
        Assert.Equal(legacyInterviewerIds ? 2 : 0, h.Ashby.CallsTo("user.info").Length);
    }

    [Fact]
    public async Task Scorecard_fills_the_interview_form_and_writes_unmapped_competencies_as_text()
    {
        await using var h = await AshbyHarness.StartAsync();
        var (application, eventId, _) = Seed(h.Ashby.Store);
        var card = Scorecard(application, eventId, version: 1);

        var result = await h.Adapter.WriteScorecardAsync(h.Connection, card, CancellationToken.None);

        var written = Assert.IsType<AtsWriteResult.Written>(result);
        var submission = Assert.Single(h.Ashby.Submissions);
        Assert.Equal(written.AtsId, (string?)submission["id"]);
        Assert.Equal(eventId, (string?)submission["interviewEventId"]);
        Assert.Equal("rae@company.test", (string?)submission["submittedByUser"]!["email"]);
        var values = submission["submittedValues"]!;
        Assert.Equal(3, (int)values["technical_skills"]!["score"]!);
        Assert.Equal("Clear trade-offs", (string?)values["technical_skills"]!["comments"]!["value"]);
        Assert.Equal(4, (int)values["communication"]!["score"]!);
        Assert.Equal("hire", (string?)values["overall_recommendation"]);
        var text = (string)values["detailed_feedback"]!["value"]!;
        Assert.StartsWith("Solid systems thinking.", text);
        Assert.Contains("Ownership: 2 — Vague on incidents", text);
        Assert.Contains("Curiosity: 5", text);
        Assert.Contains("hirebot-ref:scorecard-", text);
        Assert.DoesNotContain("rae@company.test", text);
    }

    [Fact]
    public async Task Amended_scorecard_is_a_second_submission_and_a_repeated_version_is_found_not_written()
    {
        await using var h = await AshbyHarness.StartAsync();
        var (application, eventId, _) = Seed(h.Ashby.Store);

        var first = await h.Adapter.WriteScorecardAsync(h.Connection, Scorecard(application, eventId, 1), CancellationToken.None);
        var again = await h.Adapter.WriteScorecardAsync(h.Connection, Scorecard(application, eventId, 1), CancellationToken.None);
        var amended = await h.Adapter.WriteScorecardAsync(h.Connection, Scorecard(application, eventId, 2), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.NotEqual(first, amended);
        Assert.Equal(2, h.Ashby.Submissions.Count);
        Assert.Equal(2, h.Ashby.CallsTo("applicationFeedback.submit").Length);
    }

    [Fact]
    public async Task Form_without_a_text_field_refuses_rather_than_dropping_competencies()
    {
        await using var h = await AshbyHarness.StartAsync();
        var (application, eventId, store) = Seed(h.Ashby.Store);
        var bare = store.AddForm("Scores only", false, new FakeAshbyField("technical_skills", "Score", "Technical Skills"));
        store.Interviews[(string)store.Event(eventId)!["interviewId"]!]["feedbackFormDefinitionId"] = bare;

        var result = await h.Adapter.WriteScorecardAsync(h.Connection, Scorecard(application, eventId, 1), CancellationToken.None);

        Assert.Contains("no long-text field", Assert.IsType<AtsWriteResult.Refused>(result).Reason);
        Assert.Empty(h.Ashby.Submissions);
    }

    [Fact]
    public async Task Decision_is_a_candidate_note_written_once()
    {
        await using var h = await AshbyHarness.StartAsync();
        var (application, _, _) = Seed(h.Ashby.Store);
        var decision = new AtsDecision(application, "Hire", "Strong loop, one concern on ownership.", "Mia Recruiter", Day.AddDays(3));

        var first = await h.Adapter.WriteDecisionAsync(h.Connection, decision, CancellationToken.None);
        var again = await h.Adapter.WriteDecisionAsync(h.Connection, decision, CancellationToken.None);

        Assert.Equal(first, again);
        var note = Assert.Single(h.Ashby.Notes);
        Assert.Contains("HireBot decision: Hire", (string?)note["content"]);
        Assert.Contains("Strong loop, one concern on ownership.", (string?)note["content"]);
        Assert.Single(h.Ashby.CallsTo("candidate.createNote"));
        Assert.Contains("\"sendNotifications\":false", h.Ashby.CallsTo("candidate.createNote")[0].Body);
    }

    [Fact]
    public async Task Under_a_fifth_of_answers_429_or_5xx_every_version_and_decision_arrives_exactly_once()
    {
        await using var h = await AshbyHarness.StartAsync();
        var (application, eventId, store) = Seed(h.Ashby.Store);
        h.Ashby.FailRandomly(0.2, seed: 16);
        h.Ashby.LoseWriteAnswers(2);

        for (var version = 1; version <= 6; version++)
        {
            await UntilWrittenAsync(() => h.Adapter.WriteScorecardAsync(h.Connection, Scorecard(application, eventId, version), CancellationToken.None));
        }

        for (var day = 0; day < 3; day++)
        {
            var decision = new AtsDecision(application, day == 2 ? "Hire" : "Hold", "Rationale", "Mia Recruiter", Day.AddDays(day));
            await UntilWrittenAsync(() => h.Adapter.WriteDecisionAsync(h.Connection, decision, CancellationToken.None));
        }

        Assert.Equal(6, h.Ashby.Submissions.Count);
        Assert.Equal(6, h.Ashby.Submissions.Select(s => (string)s["submittedValues"]!["detailed_feedback"]!["value"]!).Distinct().Count());
        Assert.Equal(3, h.Ashby.Notes.Count);
        Assert.Contains(h.Ashby.Faulted, c => c.Status == 429);
        Assert.Contains(h.Ashby.Faulted, c => c.Status is 502 or 503);
        Assert.Contains(h.Ashby.Faulted, c => c.Status == 500 && c.Method is "applicationFeedback.submit" or "candidate.createNote");
        Assert.Empty(h.Ashby.Faults);
    }

    [Fact]
    public async Task Rate_limiting_past_the_budget_throws_with_retry_after_and_every_call_uses_basic_auth()
    {
        await using var h = await AshbyHarness.StartAsync();
        h.Ashby.Store.AddJob("Backend Engineer", ("Onsite", "Active"));
        await h.Adapter.ListJobsAsync(h.Connection, CancellationToken.None).ToListAsync();
        h.Ashby.RetryAfterSeconds = 30;
        h.Ashby.FailRandomly(1.0, seed: 0);

        var error = await Assert.ThrowsAsync<AtsException>(() => h.Adapter.ListJobsAsync(h.Connection, CancellationToken.None).ToListAsync().AsTask());

        Assert.NotNull(error.RetryAfter);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(FakeAshby.ApiKey + ":"));
        Assert.All(h.Ashby.Calls, c => Assert.Equal(expected, c.Authorization));
    }

    [Fact]
    public async Task Wrong_api_key_is_a_final_error()
    {
        await using var h = await AshbyHarness.StartAsync();
        var wrong = h.Connection with { ApiKey = "not-the-key" };

        var error = await Assert.ThrowsAsync<AtsException>(() => h.Adapter.ListJobsAsync(wrong, CancellationToken.None).ToListAsync().AsTask());

        Assert.Null(error.RetryAfter);
        Assert.Single(h.Ashby.Calls);
    }

    [Fact]
    public async Task Webhook_with_a_good_signature_names_what_changed()
    {
        await using var h = await AshbyHarness.StartAsync();
        var stage = FakeAshby.Webhook("candidateStageChange", new JsonObject
        {
            ["application"] = new JsonObject { ["id"] = "app-1", ["status"] = "Active", ["job"] = new JsonObject { ["id"] = "job-1", ["title"] = "Backend" } },
        });
        var schedule = FakeAshby.Webhook("interviewScheduleCreate", new JsonObject
        {
            ["interviewSchedule"] = new JsonObject { ["id"] = "sched-1", ["status"] = "Scheduled", ["applicationId"] = "app-2", ["interviewStageId"] = "stage-1" },
        });

        Assert.Equal(new AtsWebhook("application.stage_changed", "app-1", "job-1", null), h.Adapter.VerifyWebhook(h.Connection, stage.Headers, stage.Body));
        Assert.Equal(new AtsWebhook("interview.changed", "app-2", null, "sched-1"), h.Adapter.VerifyWebhook(h.Connection, schedule.Headers, schedule.Body));
    }

    [Fact]
    public async Task Webhook_with_a_bad_missing_or_unkeyed_signature_or_a_malformed_body_is_refused()
    {
        await using var h = await AshbyHarness.StartAsync();
        var data = new JsonObject { ["application"] = new JsonObject { ["id"] = "app-1" } };
        var forged = FakeAshby.Webhook("applicationSubmit", (JsonObject)data.DeepClone(), secret: "someone-else");
        var good = FakeAshby.Webhook("applicationSubmit", (JsonObject)data.DeepClone());
        var tampered = good.Body.ToArray();
        tampered[^3] ^= 0x01;
        var malformed = Encoding.UTF8.GetBytes("{\"action\":");
        var malformedHeaders = new Dictionary<string, string> { ["ashby-signature"] = HireBot.Ats.Ashby.AshbyWebhooks.Sign(FakeAshby.WebhookSecret, malformed) };

        Assert.Null(h.Adapter.VerifyWebhook(h.Connection, forged.Headers, forged.Body));
        Assert.Null(h.Adapter.VerifyWebhook(h.Connection, good.Headers, tampered));
        Assert.Null(h.Adapter.VerifyWebhook(h.Connection, new Dictionary<string, string>(), good.Body));
        Assert.Null(h.Adapter.VerifyWebhook(h.Connection with { WebhookSecret = "" }, good.Headers, good.Body));
        Assert.Null(h.Adapter.VerifyWebhook(h.Connection, malformedHeaders, malformed));
        Assert.NotNull(h.Adapter.VerifyWebhook(h.Connection, good.Headers, good.Body));
        Assert.Empty(h.Ashby.Calls);
    }

    private static async Task UntilWrittenAsync(Func<Task<AtsWriteResult>> write)
    {
        // What the outbox does: an AtsException is tried again later, anything else is final.
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            try
            {
                Assert.IsType<AtsWriteResult.Written>(await write());
                return;
            }
            catch (AtsException)
            {
            }
        }

        Assert.Fail("never written");
    }

    private static (string Application, string EventId, FakeAshbyStore Store) Seed(FakeAshbyStore store)
    {
        var rae = store.AddUser("Rae", "Lee", "rae@company.test");
        var sam = store.AddUser("Sam", "Oduya", "sam@company.test");
        store.AddForm("Default scorecard", true, new FakeAshbyField("notes", "LongText", "Notes"));
        var form = store.AddForm(
            "System design scorecard", false,
            new FakeAshbyField("overall_recommendation", "ValueSelect", "Overall Recommendation", true, "Strong Hire", "Hire", "No Hire", "Strong No Hire"),
            new FakeAshbyField("technical_skills", "Score", "Technical Skills"),
            new FakeAshbyField("communication", "Score", "Communication"),
            new FakeAshbyField("detailed_feedback", "RichText", "Detailed Feedback", true));
        var interview = store.AddInterview("System design", form);
        var job = store.AddJob("Backend Engineer", ("Onsite", "Active"));
        var application = store.AddApplication(job.Id, job.StageIds[0], "Ada Lovelace", "ada@candidates.test", Day.AddDays(-5), Day.AddDays(-1));
        var schedule = store.AddSchedule(application);
        var eventId = store.AddEvent(schedule, interview, Day.AddDays(1), Day.AddDays(1).AddHours(1), rae, sam);
        return (application, eventId, store);
    }

    private static AtsScorecard Scorecard(string application, string eventId, int version) => new(
        application, eventId, "rae@company.test", null, "Yes",
        [
            new AtsRating("Technical depth", 3, "technical_skills", "Clear trade-offs"),
            new AtsRating("Communication", 4, "communication", null),
            new AtsRating("Ownership", 2, null, "Vague on incidents"),
            new AtsRating("Curiosity", 5, "technical_skills", null),
        ],
        "Solid systems thinking." + (version > 1 ? $" Amended v{version}." : ""),
        version,
        Day.AddDays(1).AddHours(2));
}
