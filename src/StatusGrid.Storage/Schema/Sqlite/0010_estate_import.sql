-- Bulk import (IEstateStore): EVSE identities written in one transaction with their Locations, read by the EVSE and
-- evse_id grains when they first activate, instead of one grain-state write per EVSE.
-- evse_key is the EVSE grain's key (upper-case location id * upper-case uid); evse_id_key the evse_id grain's.
CREATE TABLE evse_meta (
    evse_key              TEXT    NOT NULL PRIMARY KEY,
    location_id           TEXT    NOT NULL,
    evse_uid              TEXT    NOT NULL,
    evse_id               TEXT,
    evse_id_key           TEXT,
    country_code          TEXT    NOT NULL,
    party_id              TEXT    NOT NULL,
    publish               INTEGER NOT NULL,
    country               TEXT    NOT NULL,
    document_last_updated INTEGER NOT NULL,
    imported_seq          INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX evse_meta_evse_id ON evse_meta (evse_id_key, imported_seq) WHERE evse_id_key IS NOT NULL;

