-- StatusGrid's own tables (PostgreSQL). All identifiers are lower case and unquoted.
-- Timestamps are timestamptz; the C# truncates them to whole milliseconds before binding, so both providers keep
-- the same precision. Statuses are stored as their OCPI string (e.g. 'OUTOFORDER'), independent of enum order.

-- Current status per EVSE. version rises by one per accepted change; writers never lower it.
CREATE TABLE evse_status (
    location_id  text        NOT NULL,
    evse_uid     text        NOT NULL,
    status       text        NOT NULL,
    last_updated timestamptz NOT NULL,
    version      bigint      NOT NULL,
    PRIMARY KEY (location_id, evse_uid)
);

-- Queryable copy of every Location for OCPI paging. seq comes from an identity on first insert and is never
-- updated: pages are ordered by it, so paging stays stable while last_updated moves.
CREATE TABLE locations (
    id           text        NOT NULL PRIMARY KEY,
    seq          bigint      NOT NULL GENERATED ALWAYS AS IDENTITY,
    country_code text        NOT NULL,
    party_id     text        NOT NULL,
    publish      boolean     NOT NULL,
    last_updated timestamptz NOT NULL,
    json         text        NOT NULL
);

-- Narrow index in paging order: an unfiltered page skips OFFSET index entries, not wide rows.
CREATE UNIQUE INDEX locations_seq ON locations (seq);

-- Filtered pages and counts: a range over last_updated whose entries already carry seq, so the page's seqs are
-- found and ordered from the index; only the page's rows are then read.
CREATE INDEX locations_last_updated_seq ON locations (last_updated, seq);

-- Per partner, the EVSE version last delivered. The outbox is derived: evse_status.version > this version.
CREATE TABLE partner_delivery (
    partner_id  text   NOT NULL,
    location_id text   NOT NULL,
    evse_uid    text   NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (partner_id, location_id, evse_uid)
);
