-- EVSE uids are CiStrings like Location ids, and the EVSE grain is keyed by the upper-cased uid: "abc" and "ABC" of
-- one Location are one EVSE. Before EVSEs kept their stored uid (a PUT naming one in another case, a PUT racing an
-- import), the status table could get a row under each spelling; reconcile then owed a PATCH under a uid partners
-- were never sent, or two PATCHes with different statuses for one EVSE, the older possibly after the newer.
-- Such rows are folded into one, unlike migration 16's Location ids (two documents, for the operator to choose from):
-- here there is one EVSE with one status sequence, and the newest status is the answer.
--   * The row kept is the spelling the Location's document names (the one its grain writes and partners' PUTs carry),
--     else the newest row's.
--   * It takes the newest status (latest last_updated, then highest version) and a version above every row's, so
--     every partner is owed that status once under the kept uid, whatever it was delivered under either spelling.
-- Then (location_id, upper(evse_uid)) becomes unique, so no writer can add a second spelling again.
CREATE TEMP TABLE evse_status_fold AS
WITH twins AS (
    SELECT location_id, upper(evse_uid) AS uid_key FROM evse_status GROUP BY location_id, upper(evse_uid) HAVING count(*) > 1)
SELECT s.location_id, s.evse_uid, s.status, s.last_updated, s.version, t.uid_key,
       EXISTS (SELECT 1 FROM locations l, json_each(l.json, '$.evses') AS e
               WHERE l.id = s.location_id AND json_extract(e.value, '$.uid') = s.evse_uid) AS documented
FROM evse_status s JOIN twins t ON t.location_id = s.location_id AND t.uid_key = upper(s.evse_uid);

CREATE TEMP TABLE evse_status_keep AS
SELECT g.location_id, g.uid_key,
       (SELECT f.evse_uid FROM evse_status_fold f WHERE f.location_id = g.location_id AND f.uid_key = g.uid_key
        ORDER BY f.documented DESC, f.last_updated DESC, f.version DESC, f.evse_uid LIMIT 1) AS evse_uid,
       (SELECT f.status FROM evse_status_fold f WHERE f.location_id = g.location_id AND f.uid_key = g.uid_key
        ORDER BY f.last_updated DESC, f.version DESC, f.evse_uid LIMIT 1) AS status,
       (SELECT max(f.last_updated) FROM evse_status_fold f WHERE f.location_id = g.location_id AND f.uid_key = g.uid_key) AS last_updated,
       (SELECT max(f.version) + 1 FROM evse_status_fold f WHERE f.location_id = g.location_id AND f.uid_key = g.uid_key) AS version
FROM (SELECT DISTINCT location_id, uid_key FROM evse_status_fold) AS g;

DELETE FROM evse_status
WHERE (location_id, evse_uid) IN (SELECT location_id, evse_uid FROM evse_status_fold)
  AND (location_id, evse_uid) NOT IN (SELECT location_id, evse_uid FROM evse_status_keep);

UPDATE evse_status
SET status = k.status, last_updated = k.last_updated, version = k.version
FROM evse_status_keep AS k
WHERE evse_status.location_id = k.location_id AND evse_status.evse_uid = k.evse_uid;

DROP TABLE evse_status_fold;
DROP TABLE evse_status_keep;

CREATE UNIQUE INDEX evse_status_upper_uid ON evse_status (location_id, upper(evse_uid));
