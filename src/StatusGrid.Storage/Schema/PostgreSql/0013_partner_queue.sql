-- The queue of an ordered (store-and-forward) partner, row by row (IPartnerQueueStore). Before this it was the
-- "partnerqueue" grain state: one document rewritten whole on every hand-off. A partner grain that still finds that
-- document moves it into these tables on its next activation.
-- owner: the partner grain activation whose saves are accepted (a save of any other fails; see IPartnerQueueStore).
CREATE TABLE partner_queue_meta (
    partner_id text NOT NULL PRIMARY KEY,
    owner      text NOT NULL,
    meta       text NOT NULL
);

CREATE TABLE partner_queue_messages (
    partner_id text   NOT NULL,
    seq        bigint NOT NULL,
    payload    text   NOT NULL,
    PRIMARY KEY (partner_id, seq)
);

CREATE TABLE partner_queue_sent (
    partner_id   text     NOT NULL,
    evse_key     text     NOT NULL,
    last_updated bigint   NOT NULL,
    version      bigint   NOT NULL,
    status       smallint NOT NULL,
    PRIMARY KEY (partner_id, evse_key)
);
