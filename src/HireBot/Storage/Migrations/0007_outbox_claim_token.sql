-- Each claim of an outbox row gets its own token; every later update of the row names it, so a
-- dispatcher whose lease ran out (and whose row another node took) can no longer change it.
ALTER TABLE outbox ADD COLUMN claim_token uuid;
