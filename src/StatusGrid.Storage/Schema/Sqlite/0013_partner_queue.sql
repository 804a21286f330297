-- The queue of an ordered (store-and-forward) partner, row by row (IPartnerQueueStore). Before this it was the
-- "partnerqueue" grain state: one document rewritten whole on every hand-off. A partner grain that still finds that
-- document moves it into these tables on its next activation.
-- owner: the partner grain activation whose saves are accepted (a save of any other fails; see IPartnerQueueStore).
CREATE TABLE partner_queue_meta (
    partner_id TEXT NOT NULL PRIMARY KEY,
    owner      TEXT NOT NULL,
    meta       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE partner_queue_messages (
    partner_id TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    payload    TEXT    NOT NULL,
    PRIMARY KEY (partner_id, seq)
) WITHOUT ROWID;

CREATE TABLE partner_queue_sent (
    partner_id   TEXT    NOT NULL,
    evse_key     TEXT    NOT NULL,
    last_updated INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    status       INTEGER NOT NULL,
    PRIMARY KEY (partner_id, evse_key)
) WITHOUT ROWID;
