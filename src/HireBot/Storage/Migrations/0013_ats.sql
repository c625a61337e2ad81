-- The applicant tracking system (issue 16): one connection per organisation, and what was imported
-- from it, keyed by the ATS's own ids so every import is idempotent.

-- An organisation's connection. Secrets are sealed (Storage/Sealed, Ats__EncryptionKey) with the
-- organisation id as associated data. webhook_token is the unguessable path segment of the
-- organisation's webhook URL (/ats/<token>/webhook). watermark: the last change the reconcile saw.
CREATE TABLE ats_connections (
    kind             text NOT NULL,              -- greenhouse | ashby
    base_url         text NOT NULL,
    api_key          text NOT NULL,              -- sealed
    webhook_secret   text NOT NULL,              -- sealed
    webhook_token    text NOT NULL UNIQUE,
    on_behalf_of     text,                       -- the ATS user id writes are made as
    default_template text NOT NULL DEFAULT 'backend-engineer',
    connected_by     text NOT NULL,              -- an admin's email: told about verification, recruiter of imported roles
    verified_at      timestamptz,
    last_sync_at     timestamptz,
    last_error       text,
    watermark        timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
SELECT hirebot_scope_to_org('ats_connections');
ALTER TABLE ats_connections ADD PRIMARY KEY (org_id);

-- Which role an ATS job became, and the template chosen for it.
CREATE TABLE ats_jobs (
    job_id     text NOT NULL,
    role_id    uuid NOT NULL REFERENCES roles(id),
    name       text NOT NULL
);
SELECT hirebot_scope_to_org('ats_jobs');
ALTER TABLE ats_jobs ADD PRIMARY KEY (org_id, job_id);

-- Which candidate and loop an ATS application became. imported_* is what the ATS said at the last
-- import, so a later import can tell a recruiter's change in HireBot from the ATS's own change.
CREATE TABLE ats_applications (
    application_id   text NOT NULL,
    ats_candidate_id text NOT NULL,
    candidate_id     uuid NOT NULL REFERENCES candidates(id),
    job_id           text NOT NULL,
    imported_name    text NOT NULL,
    imported_email   text NOT NULL,
    stage            text,
    updated_at       timestamptz NOT NULL
);
SELECT hirebot_scope_to_org('ats_applications');
ALTER TABLE ats_applications ADD PRIMARY KEY (org_id, application_id);
CREATE UNIQUE INDEX ats_applications_candidate ON ats_applications (org_id, candidate_id);

-- Interviews taken as booked from the ATS (never scheduled again by HireBot).
CREATE TABLE ats_interviews (
    ats_interview_id text NOT NULL,
    interview_id     uuid NOT NULL REFERENCES interviews(id),
    application_id   text NOT NULL
);
SELECT hirebot_scope_to_org('ats_interviews');
ALTER TABLE ats_interviews ADD PRIMARY KEY (org_id, ats_interview_id);

-- Per role: a competency's ATS attribute (Greenhouse scorecard attribute, Ashby form field path).
-- Edited through `role import` (the template JSON's "ats" object); unmapped competencies go as text.
CREATE TABLE ats_attribute_map (
    role_id     uuid NOT NULL REFERENCES roles(id),
    competency  text NOT NULL,
    attribute   text NOT NULL
);
SELECT hirebot_scope_to_org('ats_attribute_map');
ALTER TABLE ats_attribute_map ADD PRIMARY KEY (org_id, role_id, competency);
