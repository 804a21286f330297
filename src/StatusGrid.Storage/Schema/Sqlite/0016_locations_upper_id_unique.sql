-- Location ids are CiStrings, and the Location grain is keyed by the upper-cased id: "loc-1" and "LOC-1" are one
-- Location. The upper(id) index becomes unique, so no writer (an admin PUT, an import, two at once) can store a second
-- row for the same Location. Rows that already differ only in case are never dropped or merged here: the migration
-- stops and the operator decides which to keep. SQLite's RAISE takes only a fixed message, so it names the query that
-- lists them (PostgreSQL's script names the ids themselves).
CREATE TEMP TABLE location_id_case_check (ids TEXT NOT NULL);
CREATE TEMP TRIGGER location_id_case_check_stop BEFORE INSERT ON location_id_case_check
BEGIN
    SELECT RAISE(ABORT, 'locations holds ids that differ only in case, which OCPI treats as one Location (list them: SELECT group_concat(id) FROM locations GROUP BY upper(id) HAVING count(*) > 1). Keep one of each: delete the others from locations, then start again.');
END;
INSERT INTO location_id_case_check SELECT group_concat(id) FROM locations GROUP BY upper(id) HAVING count(*) > 1;
DROP TABLE location_id_case_check;

DROP INDEX locations_upper_id;
CREATE UNIQUE INDEX locations_upper_id ON locations (upper(id));
