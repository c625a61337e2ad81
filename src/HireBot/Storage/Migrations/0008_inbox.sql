-- Requests acknowledged before they are processed (Teams messages, Slack slash commands): the
-- acknowledgement is this row, written in a batch with whatever else arrived in the same instant;
-- a worker then claims and processes rows like the outbox's dispatcher sends them. The unique key
-- is the platform's delivery id, so a platform's retry is stored once and processed once.
CREATE TABLE inbox (
    id           bigserial PRIMARY KEY,
    source       text NOT NULL,                     -- teams | slack-command
    key          text NOT NULL,                     -- the platform's id for this delivery
    payload      text NOT NULL,                     -- the verified request, as the handler needs it
    status       text NOT NULL DEFAULT 'pending',   -- pending | working | done | failed
    not_before   timestamptz NOT NULL DEFAULT now(),
    lease_until  timestamptz,
    claim_token  uuid,
    attempts     int NOT NULL DEFAULT 0,
    last_error   text,
    received_at  timestamptz NOT NULL DEFAULT now(),
    done_at      timestamptz,
    UNIQUE (source, key)
);
CREATE INDEX inbox_due ON inbox (not_before, id) WHERE status IN ('pending', 'working');
