-- Requests acknowledged before they are processed (Teams messages, Slack slash commands): the
-- acknowledgement is this row, written in a batch with whatever else arrived in the same instant;
-- a worker then claims and processes rows like the outbox's dispatcher sends them. The unique key
-- is the platform's delivery id, so a platform's retry is stored once and processed once. Only the
-- oldest unfinished row of a group can be claimed, so one conversation's messages run in order,
-- however many instances there are.
CREATE TABLE inbox (
    id           bigserial PRIMARY KEY,
    source       text NOT NULL,                     -- teams | slack-command
    key          text NOT NULL,                     -- the platform's id for this delivery
    group_key    text NOT NULL,                     -- rows of one group run one at a time, in order (a conversation)
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
CREATE INDEX inbox_open_by_group ON inbox (source, group_key, id) WHERE status IN ('pending', 'working');
