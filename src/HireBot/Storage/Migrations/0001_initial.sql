-- People are keyed by work email: it joins Graph, Slack and Teams.
CREATE TABLE people (
    email         text PRIMARY KEY,
    display_name  text NOT NULL,
    time_zone     text NOT NULL DEFAULT 'UTC',
    work_days     int[] NOT NULL DEFAULT '{1,2,3,4,5}',
    work_start    time NOT NULL DEFAULT '09:00',
    work_end      time NOT NULL DEFAULT '17:00',
    days_off      date[] NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- A person's account on a chat platform, and how to reach them there proactively.
CREATE TABLE chat_identities (
    channel          text NOT NULL,            -- slack | teams | local
    external_id      text NOT NULL,            -- Slack "T…:U…", Teams "29:…", local name
    email            text REFERENCES people(email),
    tenant_id        text,
    aad_object_id    text,
    conversation_id  text,                     -- personal chat with the bot, when known
    service_url      text,                     -- Teams: taken from a verified activity only
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, external_id)
);
CREATE INDEX chat_identities_email ON chat_identities (email);

-- Channels and group chats the bot was installed in (Teams) or invited to (Slack).
CREATE TABLE conversations (
    channel          text NOT NULL,
    conversation_id  text NOT NULL,
    kind             text NOT NULL,            -- personal | channel | groupChat
    service_url      text,
    tenant_id        text,
    team_id          text,
    bot_id           text,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, conversation_id)
);

CREATE TABLE roles (
    id               uuid PRIMARY KEY,
    slug             text NOT NULL UNIQUE,
    template         jsonb NOT NULL,
    hiring_channel   text,
    recruiters       text[] NOT NULL DEFAULT '{}',
    hiring_managers  text[] NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE candidates (
    id          uuid PRIMARY KEY,
    role_id     uuid NOT NULL REFERENCES roles(id),
    email       text NOT NULL,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (role_id, email)
);

CREATE TABLE loops (
    id               uuid PRIMARY KEY,
    candidate_id     uuid NOT NULL REFERENCES candidates(id),
    state            text NOT NULL,
    deadline         timestamptz,
    decision         text,
    decision_reason  text,
    decided_by       text,
    decided_at       timestamptz,
    digest_posted_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
-- One open loop per candidate.
CREATE UNIQUE INDEX loops_one_open ON loops (candidate_id) WHERE state NOT IN ('Decided', 'Withdrawn');

-- Schedules proposed to the recruiter; picking one books it.
CREATE TABLE schedule_proposals (
    loop_id     uuid NOT NULL REFERENCES loops(id),
    option_no   int NOT NULL,
    option      jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (loop_id, option_no)
);

CREATE TABLE interviews (
    id                 uuid PRIMARY KEY,
    loop_id            uuid NOT NULL REFERENCES loops(id),
    round_id           text NOT NULL,
    starts_at          timestamptz NOT NULL,
    ends_at            timestamptz NOT NULL,
    status             text NOT NULL DEFAULT 'Scheduled',   -- Scheduled | Completed | Cancelled
    calendar_event_id  text,
    join_url           text,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interviews_loop ON interviews (loop_id);

CREATE TABLE interview_panelists (
    interview_id  uuid NOT NULL REFERENCES interviews(id),
    email         text NOT NULL,
    is_shadow     boolean NOT NULL DEFAULT false,
    response      text NOT NULL DEFAULT 'none',          -- none | accepted | tentative | declined
    PRIMARY KEY (interview_id, email)
);
CREATE INDEX interview_panelists_email ON interview_panelists (email);

CREATE TABLE scorecards (
    interview_id     uuid NOT NULL REFERENCES interviews(id),
    panelist_email   text NOT NULL,
    ratings          jsonb NOT NULL,
    red_flags        text[] NOT NULL DEFAULT '{}',
    recommendation   smallint NOT NULL,
    notes            text,
    submitted_at     timestamptz NOT NULL,
    amended_at       timestamptz,
    saw_others       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (interview_id, panelist_email)
);

-- Every scorecard change: who, when, before and after.
CREATE TABLE scorecard_audit (
    id              bigserial PRIMARY KEY,
    interview_id    uuid NOT NULL,
    panelist_email  text NOT NULL,
    changed_by      text NOT NULL,
    changed_at      timestamptz NOT NULL,
    before          jsonb,
    after           jsonb NOT NULL
);

-- When a panelist first saw others' feedback on a loop (only possible after submitting).
CREATE TABLE feedback_views (
    loop_id        uuid NOT NULL REFERENCES loops(id),
    email          text NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    PRIMARY KEY (loop_id, email)
);

-- Outgoing messages, written in the same transaction as the state change that caused them.
CREATE TABLE outbox (
    id               bigserial PRIMARY KEY,
    idempotency_key  text NOT NULL UNIQUE,
    recipient        text NOT NULL,            -- person:<email> | conversation:<channel>:<id> | reply:<channel>:<ref>
    kind             text NOT NULL,            -- card template name
    payload          jsonb NOT NULL,
    replaces_key     text,                     -- update the message sent for this key, where the platform allows
    status           text NOT NULL DEFAULT 'pending',   -- pending | sending | sent | failed
    not_before       timestamptz NOT NULL DEFAULT now(),
    lease_until      timestamptz,
    attempts         int NOT NULL DEFAULT 0,
    last_error       text,
    channel          text,
    channel_ref      jsonb,                    -- where it landed: ids to update it later
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE INDEX outbox_due ON outbox (not_before) WHERE status IN ('pending', 'sending');

-- What the local channel "posted": the demo and tests read it.
CREATE TABLE local_messages (
    id          bigserial PRIMARY KEY,
    outbox_id   bigint NOT NULL UNIQUE,
    recipient   text NOT NULL,
    kind        text NOT NULL,
    card        jsonb NOT NULL,
    updates     bigint,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Inbound deliveries seen, so a platform's retry is never processed twice.
CREATE TABLE inbound_seen (
    source       text NOT NULL,
    key          text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, key)
);
