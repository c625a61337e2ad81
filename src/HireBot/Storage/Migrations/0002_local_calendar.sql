-- The local calendar (local mode and the demo): events keyed by the caller's transaction id so a
-- replayed create returns the first event, as Graph's transactionId does.
CREATE TABLE local_events (
    id                 text PRIMARY KEY,
    transaction_id     text NOT NULL UNIQUE,
    subject            text NOT NULL,
    body_html          text NOT NULL,
    starts_at          timestamptz NOT NULL,
    ends_at            timestamptz NOT NULL,
    is_online_meeting  boolean NOT NULL,
    join_url           text,
    cancelled_at       timestamptz,
    cancel_comment     text,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE local_event_attendees (
    event_id     text NOT NULL REFERENCES local_events(id) ON DELETE CASCADE,
    email        text NOT NULL,
    name         text,
    is_optional  boolean NOT NULL DEFAULT false,
    response     text NOT NULL DEFAULT 'None',      -- None | Accepted | Tentative | Declined
    PRIMARY KEY (event_id, email)
);
CREATE INDEX local_event_attendees_email ON local_event_attendees (lower(email));

-- Busy blocks seeded for people (meetings the local calendar did not create itself).
CREATE TABLE local_busy (
    id         bigserial PRIMARY KEY,
    email      text NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX local_busy_email ON local_busy (lower(email), starts_at);

-- A replacement proposed to the recruiters after a panelist declined; accepting it swaps them.
CREATE TABLE replacement_proposals (
    id              uuid PRIMARY KEY,
    interview_id    uuid NOT NULL REFERENCES interviews(id),
    declined_email  text NOT NULL,
    proposed_email  text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    accepted_by     text,
    accepted_at     timestamptz,
    UNIQUE (interview_id, declined_email)
);
