-- Organisations (issue 13): the boundary of all hiring data. A Teams tenant, a Slack workspace
-- (or Enterprise Grid organisation) or several of them mapped together by settings is one
-- organisation; everything below belongs to exactly one.
CREATE TABLE organisations (
    id          uuid PRIMARY KEY,
    key         text NOT NULL UNIQUE,          -- the settings key (Orgs__<key>__…), or 'teams:<tenant>' / 'slack:<team>' when created on first contact
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Which organisation a tenant or workspace belongs to: kind is teams-tenant | slack-team.
CREATE TABLE organisation_sources (
    kind         text NOT NULL,
    external_id  text NOT NULL,
    org_id       uuid NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (kind, external_id)
);

-- The default organisation: the local channel's, and the one every existing row moves into.
INSERT INTO organisations (id, key) VALUES ('00000000-0000-0000-0000-000000000001', 'default');

-- The organisation a connection is working for: set by OrgDb on every connection it hands out.
-- NULL (never a fallback) when none is set, so an insert that names no organisation fails.
CREATE FUNCTION hirebot_org() RETURNS uuid LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('hirebot.org_id', true), '')::uuid $$;

-- The role org-scoped work runs as (OrgDb switches to it on its own pool). Row-level security
-- applies to it and not to the table owner, so the claim loops (outbox, inbox, sweeps) still see
-- every organisation's rows through the plain connection, while a request or a job that forgot a
-- WHERE still sees only its own organisation. Roles belong to the cluster, so another database of
-- the same cluster (a second deployment, or the test run's copies) may have created it already.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hirebot_org') THEN
        BEGIN
            CREATE ROLE hirebot_org NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'hirebot_org', 'MEMBER') THEN
        EXECUTE format('GRANT hirebot_org TO %I', current_user);
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'HireBot needs a role named hirebot_org that its database user is a member of'
        USING HINT = 'Give the database user CREATEROLE once, or run as an administrator: CREATE ROLE hirebot_org NOLOGIN; GRANT hirebot_org TO <the bot''s user>;';
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hirebot_org;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hirebot_org;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hirebot_org;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hirebot_org;

-- Makes a table org-scoped: an org_id (existing rows: the default organisation; new rows: the
-- connection's organisation), and a policy that shows and accepts only the connection's
-- organisation's rows to hirebot_org. Later migrations call it for the tables they add.
CREATE FUNCTION hirebot_scope_to_org(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ADD COLUMN org_id uuid NOT NULL DEFAULT %L REFERENCES organisations(id)', t, '00000000-0000-0000-0000-000000000001');
    EXECUTE format('ALTER TABLE %s ALTER COLUMN org_id SET DEFAULT hirebot_org()', t);
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_only ON %s TO hirebot_org USING (org_id = hirebot_org()) WITH CHECK (org_id = hirebot_org())', t);
END $$;

SELECT hirebot_scope_to_org(t) FROM unnest(ARRAY[
    'people', 'chat_identities', 'conversations', 'roles', 'candidates', 'loops', 'schedule_proposals',
    'interviews', 'interview_panelists', 'scorecards', 'scorecard_audit', 'feedback_views', 'outbox',
    'local_messages', 'local_events', 'local_event_attendees', 'local_busy', 'replacement_proposals',
    'nudge_plans', 'nudge_events', 'inbox']::regclass[]) AS t;

-- Keys that were global become per organisation: the same email is a different person in another
-- organisation, and the same role id may exist in two.
ALTER TABLE chat_identities DROP CONSTRAINT chat_identities_email_fkey;
ALTER TABLE people DROP CONSTRAINT people_pkey, ADD PRIMARY KEY (org_id, email);
ALTER TABLE chat_identities DROP CONSTRAINT chat_identities_pkey, ADD PRIMARY KEY (org_id, channel, external_id),
    ADD FOREIGN KEY (org_id, email) REFERENCES people (org_id, email);
DROP INDEX chat_identities_email;
CREATE INDEX chat_identities_email ON chat_identities (org_id, email);
ALTER TABLE conversations DROP CONSTRAINT conversations_pkey, ADD PRIMARY KEY (org_id, channel, conversation_id);
ALTER TABLE roles DROP CONSTRAINT roles_slug_key, ADD UNIQUE (org_id, slug);
CREATE INDEX outbox_org_loop ON outbox (org_id, loop_id);

-- Where a chat identity's email was asserted: 'teams:<tenant>', 'slack:<team>' or 'local'. An email
-- joins identities of different sources only for the organisation's configured email domains.
ALTER TABLE chat_identities ADD COLUMN source text;
UPDATE chat_identities SET source = CASE channel
    WHEN 'teams' THEN 'teams:' || coalesce(tenant_id, '')
    WHEN 'slack' THEN 'slack:' || split_part(external_id, ':', 1)
    ELSE channel END;
ALTER TABLE chat_identities ALTER COLUMN source SET NOT NULL;

-- Every tenant and workspace the bot has already met stays with the data it made: in the default organisation.
INSERT INTO organisation_sources (kind, external_id, org_id)
SELECT DISTINCT 'teams-tenant', tenant_id, '00000000-0000-0000-0000-000000000001'::uuid FROM (
    SELECT tenant_id FROM conversations WHERE channel = 'teams' UNION SELECT tenant_id FROM chat_identities WHERE channel = 'teams') t
WHERE tenant_id IS NOT NULL AND tenant_id <> ''
UNION
SELECT DISTINCT 'slack-team', team, '00000000-0000-0000-0000-000000000001'::uuid FROM (
    SELECT split_part(external_id, ':', 1) AS team FROM chat_identities WHERE channel = 'slack'
    UNION SELECT split_part(conversation_id, '/', 1) FROM conversations WHERE channel = 'slack'
    UNION SELECT coalesce(enterprise_id, team_id) FROM slack_installations) s
WHERE team IS NOT NULL AND team <> ''
ON CONFLICT DO NOTHING;
