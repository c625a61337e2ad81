-- Slack requests are de-duplicated by the inbox's keys now (Slack's event_id, a command's or click's trigger_id);
-- the table the old inline path remembered them in has no reader or writer left.
DROP TABLE IF EXISTS inbound_seen;
