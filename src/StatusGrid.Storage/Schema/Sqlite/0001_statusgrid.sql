-- StatusGrid's own tables (SQLite).
-- Timestamps are INTEGER unix milliseconds, UTC: integer comparison is exact and cheap, and range filters
-- (OCPI date_from/date_to) use the indexes. Statuses are stored as their OCPI string (e.g. 'OUTOFORDER') so the
-- file stays readable and does not depend on the C# enum's member order.

-- Current status per EVSE. version rises by one per accepted change; writers never lower it.
CREATE TABLE evse_status (
    location_id  TEXT    NOT NULL,
    evse_uid     TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    last_updated INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    PRIMARY KEY (location_id, evse_uid)
) WITHOUT ROWID;

-- Queryable copy of every Location for OCPI paging. seq is assigned once, on first insert, and never changes:
-- pages are ordered by it, so paging stays stable while last_updated moves.
CREATE TABLE locations (
    id           TEXT    NOT NULL PRIMARY KEY,
    seq          INTEGER NOT NULL,
    country_code TEXT    NOT NULL,
    party_id     TEXT    NOT NULL,
    publish      INTEGER NOT NULL,
    last_updated INTEGER NOT NULL,
    json         TEXT    NOT NULL
);

-- Narrow index in paging order: an unfiltered page skips OFFSET entries of this index, not of the wide rows.
CREATE UNIQUE INDEX locations_seq ON locations (seq);

-- Filtered pages and counts: a range over last_updated whose entries already carry seq, so the page's seqs are
-- found and ordered without touching the rows; only the page's rows are then read.
CREATE INDEX locations_last_updated_seq ON locations (last_updated, seq);

-- Per partner, the EVSE version last delivered. The outbox is derived: evse_status.version > this version.
CREATE TABLE partner_delivery (
    partner_id  TEXT    NOT NULL,
    location_id TEXT    NOT NULL,
    evse_uid    TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    PRIMARY KEY (partner_id, location_id, evse_uid)
) WITHOUT ROWID;
