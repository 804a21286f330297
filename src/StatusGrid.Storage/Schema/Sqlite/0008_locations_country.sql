-- Partner country filters are about where a Location is: its OCPI `country` (ISO 3166-1 alpha-3), not the operating
-- party's `country_code`. The column is filled from the stored documents and replaces country_code in both paging
-- indexes, so a country-filtered page and its count are still decided on index entries.
ALTER TABLE locations ADD COLUMN country TEXT NOT NULL DEFAULT '';
UPDATE locations SET country = upper(coalesce(json_extract(json, '$.country'), ''));

DROP INDEX locations_seq_filter;
CREATE INDEX locations_seq_filter ON locations (seq, last_updated, publish, country);

DROP INDEX locations_last_updated_filter;
CREATE INDEX locations_last_updated_filter ON locations (last_updated, seq, publish, country);
