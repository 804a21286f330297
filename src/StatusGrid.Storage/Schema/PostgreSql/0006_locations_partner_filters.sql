-- OCPI pulls are filtered per partner (publish flag, country, explicit id list) and the total count must match the
-- filter. publish and country_code are included in the two paging indexes, so a filtered page and its count are
-- index-only scans that never fetch the wide json rows. Same key columns as before: existing plans stay.
DROP INDEX locations_seq;
CREATE UNIQUE INDEX locations_seq ON locations (seq) INCLUDE (last_updated, publish, country_code);

DROP INDEX locations_last_updated_seq;
CREATE INDEX locations_last_updated_seq ON locations (last_updated, seq) INCLUDE (publish, country_code);

-- Location ids are CiStrings: an explicit id list is matched on upper(id), which this index serves.
CREATE INDEX locations_upper_id ON locations (upper(id));

-- Country codes are CiStrings; the stores now write them upper-case so filters compare the plain column.
UPDATE locations SET country_code = upper(country_code) WHERE country_code <> upper(country_code);
