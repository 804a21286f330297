-- OCPI pulls are filtered per partner (publish flag, country, explicit id list) and the total count must match the
-- filter. publish and country_code join the two paging indexes, so a filtered page and its count are still decided
-- on narrow index entries without reading the wide json rows. Same leading columns as before: existing plans stay.
DROP INDEX locations_seq_last_updated;
CREATE INDEX locations_seq_filter ON locations (seq, last_updated, publish, country_code);

DROP INDEX locations_last_updated_seq;
CREATE INDEX locations_last_updated_filter ON locations (last_updated, seq, publish, country_code);

-- Location ids are CiStrings: an explicit id list is matched on upper(id), which this index serves.
CREATE INDEX locations_upper_id ON locations (upper(id));

-- Country codes are CiStrings; the stores now write them upper-case so filters compare the plain column.
UPDATE locations SET country_code = upper(country_code) WHERE country_code <> upper(country_code);
