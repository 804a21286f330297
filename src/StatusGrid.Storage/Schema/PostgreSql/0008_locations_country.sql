-- Partner country filters are about where a Location is: its OCPI `country` (ISO 3166-1 alpha-3), not the operating
-- party's `country_code`. The column is filled from the stored documents and replaces country_code in both paging
-- indexes, so a country-filtered page and its count are still index-only scans.
ALTER TABLE locations ADD COLUMN country text NOT NULL DEFAULT '';
UPDATE locations SET country = upper(coalesce(json::jsonb ->> 'country', ''));

DROP INDEX locations_seq;
CREATE UNIQUE INDEX locations_seq ON locations (seq) INCLUDE (last_updated, publish, country);

DROP INDEX locations_last_updated_seq;
CREATE INDEX locations_last_updated_seq ON locations (last_updated, seq) INCLUDE (publish, country);
