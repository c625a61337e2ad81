-- The reminder plan for one panelist of one interview (issue 7). Quartz triggers fire at these
-- times; the job re-reads this row, so a snooze or a submitted scorecard wins over a stale trigger.
CREATE TABLE nudge_plans (
    interview_id   uuid NOT NULL REFERENCES interviews(id),
    email          text NOT NULL,
    reminders      timestamptz[] NOT NULL,   -- reminder n is reminders[n]
    recruiter_at   timestamptz NOT NULL,
    manager_at     timestamptz NOT NULL,
    deadline       timestamptz NOT NULL,     -- snoozes must land before it
    snoozed_at     timestamptz,              -- one snooze per plan
    snoozed_until  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (interview_id, email)
);
