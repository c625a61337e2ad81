-- Chart images (issue 18): the digest's and the calibration table's pictures, served to chat
-- clients at /charts/{id}.png with a signed, expiring URL. A digest chart belongs to its loop and
-- goes with the candidate (candidate forget, retention); every chart is deleted once its URL expired.
CREATE TABLE charts (
    id          text PRIMARY KEY,                 -- 128 random bits, base64url: the unguessable part of the URL
    kind        text NOT NULL,                    -- digest | calibration
    loop_id     uuid REFERENCES loops(id),        -- the digest's loop; NULL for a calibration chart
    png         bytea NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
SELECT hirebot_scope_to_org('charts');
CREATE INDEX charts_loop ON charts (org_id, loop_id);
CREATE INDEX charts_expiry ON charts (org_id, expires_at);
