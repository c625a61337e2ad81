-- Reminder delivery becomes set-based (issue 7): one clustered sweep job selects due rows from
-- nudge_events instead of one Quartz job per panelist. A row is one planned reminder
-- ('reminder-<n>') or escalation ('recruiter', 'manager'); done_at is set when it was sent,
-- skipped (scorecard in, interview cancelled, a later reminder due) or cancelled by a submit.
CREATE TABLE nudge_events (
    interview_id  uuid NOT NULL,
    email         text NOT NULL,
    name          text NOT NULL,
    due_at        timestamptz NOT NULL,
    done_at       timestamptz,
    PRIMARY KEY (interview_id, email, name),
    FOREIGN KEY (interview_id, email) REFERENCES nudge_plans (interview_id, email) ON DELETE CASCADE
);
CREATE INDEX nudge_events_due ON nudge_events (due_at) WHERE done_at IS NULL;

-- The key of the last reminder written for the pair (scheduled or manual), which the next one
-- replaces where the platform allows; kept here so the sweep needs no LIKE scan of the outbox.
ALTER TABLE nudge_plans ADD COLUMN last_reminder_key text;

UPDATE nudge_plans p SET last_reminder_key = (
    SELECT o.idempotency_key FROM outbox o
    WHERE o.idempotency_key LIKE 'nudge:' || p.interview_id || ':' || p.email || ':%'
       OR o.idempotency_key LIKE 'manual-nudge:' || p.interview_id || ':' || p.email || ':%'
    ORDER BY o.id DESC LIMIT 1);

-- Plans still open carry over; rows already written are skipped by their outbox keys at sweep time.
INSERT INTO nudge_events (interview_id, email, name, due_at)
SELECT p.interview_id, p.email, 'reminder-' || r.n, r.at
FROM nudge_plans p CROSS JOIN LATERAL unnest(p.reminders) WITH ORDINALITY AS r(at, n)
WHERE NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = p.interview_id AND s.panelist_email = p.email)
UNION ALL
SELECT p.interview_id, p.email, e.name, e.at
FROM nudge_plans p CROSS JOIN LATERAL (VALUES ('recruiter', p.recruiter_at), ('manager', p.manager_at)) AS e(name, at)
WHERE NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = p.interview_id AND s.panelist_email = p.email);

-- The per-panelist Quartz jobs of the old design (group 'nudges') name a job class that is gone.
-- The Quartz tables are created after the numbered migrations, so on a new database they are absent.
DO $$
BEGIN
    IF to_regclass('qrtz_triggers') IS NOT NULL THEN
        DELETE FROM qrtz_fired_triggers WHERE job_group = 'nudges';
        DELETE FROM qrtz_simple_triggers WHERE trigger_group = 'nudges';
        DELETE FROM qrtz_triggers WHERE job_group = 'nudges';
        DELETE FROM qrtz_job_details WHERE job_group = 'nudges';
    END IF;
END $$;
