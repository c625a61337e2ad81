-- The loop a message is about, when it is about one: a message that finally fails is reported to
-- the loop's recruiters, and `status <candidate>` lists what did not reach its person.
ALTER TABLE outbox ADD COLUMN loop_id uuid;
CREATE INDEX outbox_loop_failed ON outbox (loop_id) WHERE status = 'failed';
-- Whether a person was reachable the last time: `nudge` asks before it counts them.
CREATE INDEX outbox_recipient ON outbox (recipient, id);
