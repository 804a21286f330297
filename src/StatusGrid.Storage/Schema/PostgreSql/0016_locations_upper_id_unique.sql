-- Location ids are CiStrings, and the Location grain is keyed by the upper-cased id: "loc-1" and "LOC-1" are one
-- Location. The upper(id) index becomes unique, so no writer (an admin PUT, an import, two at once) can store a second
-- row for the same Location. Rows that already differ only in case are never dropped or merged here: the migration
-- stops, naming them, and the operator decides which to keep.
DO $$
DECLARE
    pairs text;
BEGIN
    SELECT string_agg(ids, '; ' ORDER BY ids COLLATE "C") INTO pairs
    FROM (SELECT string_agg(id, ', ' ORDER BY id COLLATE "C") AS ids
          FROM locations GROUP BY upper(id) HAVING count(*) > 1) AS same;
    IF pairs IS NOT NULL THEN
        RAISE EXCEPTION 'locations holds ids that differ only in case, which OCPI treats as one Location: %. Keep one of each: delete the others from locations, then start again.', pairs;
    END IF;
END $$;

DROP INDEX locations_upper_id;
CREATE UNIQUE INDEX locations_upper_id ON locations (upper(id));
