-- Bulk import (IEstateStore): EVSE identities written in one transaction with their Locations, read by the EVSE and
-- evse_id grains when they first activate, instead of one grain-state write per EVSE.
-- evse_key is the EVSE grain's key (upper-case location id * upper-case uid); evse_id_key the evse_id grain's.
CREATE TABLE evse_meta (
    evse_key              text        NOT NULL PRIMARY KEY,
    location_id           text        NOT NULL,
    evse_uid              text        NOT NULL,
    evse_id               text,
    evse_id_key           text,
    country_code          text        NOT NULL,
    party_id              text        NOT NULL,
    publish               boolean     NOT NULL,
    country               text        NOT NULL,
    document_last_updated timestamptz NOT NULL,
    imported_seq          bigint      NOT NULL GENERATED ALWAYS AS IDENTITY
);

CREATE INDEX evse_meta_evse_id ON evse_meta (evse_id_key, imported_seq) WHERE evse_id_key IS NOT NULL;

