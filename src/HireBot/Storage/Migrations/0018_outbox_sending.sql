-- The outbox claim skips a recipient with a send under way (its rows go one at a time, in order):
-- the rows being sent, found by recipient without reading the recipient's sent history.
CREATE INDEX outbox_sending_recipient ON outbox (recipient) WHERE status = 'sending';
