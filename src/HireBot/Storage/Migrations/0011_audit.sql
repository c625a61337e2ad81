-- Records a recruiting team needs (issue 13 item 7). What scorecards, feedback views and loops
-- already record (submitted_at/amended_at, scorecard_audit, feedback_views, decided_by/decided_at)
-- stays where it is; audit_events holds the rest: who created the candidate, who scheduled, who
-- viewed the digest, who forgot the candidate. Rows name people by work email (the actor), never
-- the candidate, so they survive forgetting unchanged.
CREATE TABLE audit_events (
    id            bigserial PRIMARY KEY,
    candidate_id  uuid NOT NULL REFERENCES candidates(id),
    loop_id       uuid,
    action        text NOT NULL,             -- created | scheduled | viewed-digest | forgot
    actor         text NOT NULL,             -- an email, or 'retention' for the retention job
    at            timestamptz NOT NULL
);
SELECT hirebot_scope_to_org('audit_events');
CREATE INDEX audit_events_candidate ON audit_events (org_id, candidate_id, at);

-- When a candidate's personal data was erased (candidate forget, or the retention setting); the
-- retention job skips them, and the row stays so the anonymised scores keep their loop.
ALTER TABLE candidates ADD COLUMN forgotten_at timestamptz;

-- A scorecard's ratings without their evidence (the numbers, competencies and order kept), and an
-- audited version (scorecard_audit.before/after) without evidence or notes: what forgetting keeps.
CREATE FUNCTION hirebot_strip_evidence(ratings jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_agg(r || '{"evidence": ""}'::jsonb ORDER BY o), '[]'::jsonb)
    FROM jsonb_array_elements(coalesce(ratings, '[]'::jsonb)) WITH ORDINALITY AS e(r, o)
$$;
CREATE FUNCTION hirebot_strip_version(v jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN v IS NULL THEN NULL
        ELSE jsonb_set(v, '{ratings}', hirebot_strip_evidence(v -> 'ratings')) || '{"notes": null}'::jsonb END
$$;
