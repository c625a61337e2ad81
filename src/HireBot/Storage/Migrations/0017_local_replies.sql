-- The local channel's commands and clicks go through the inbox (issue 14): their answers arrive as
-- outbox rows and are recorded here like any other local message, marked with the request they
-- answer (its inbox key) and the reply as the command returned it, which POST /local/... once gave inline.
ALTER TABLE local_messages ADD COLUMN reply_to text, ADD COLUMN reply jsonb;
CREATE INDEX local_messages_reply_to ON local_messages (org_id, reply_to) WHERE reply_to IS NOT NULL;
