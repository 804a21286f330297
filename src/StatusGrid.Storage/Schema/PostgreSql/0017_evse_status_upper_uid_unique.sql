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
       EXISTS (SELECT 1 FROM locations l,
                      jsonb_array_elements(CASE WHEN jsonb_typeof(l.json::jsonb -> 'evses') = 'array' THEN l.json::jsonb -> 'evses' ELSE '[]'::jsonb END) AS e(evse)
               WHERE l.id = s.location_id AND e.evse ->> 'uid' = s.evse_uid) AS documented
FROM evse_status s JOIN twins t ON t.location_id = s.location_id AND t.uid_key = upper(s.evse_uid);

CREATE TEMP TABLE evse_status_keep AS
SELECT DISTINCT ON (f.location_id, f.uid_key) f.location_id, f.uid_key, f.evse_uid,
       n.status,
       max(f.last_updated) OVER (PARTITION BY f.location_id, f.uid_key) AS last_updated,
       max(f.version) OVER (PARTITION BY f.location_id, f.uid_key) + 1 AS version
FROM evse_status_fold f
CROSS JOIN LATERAL (SELECT g.status FROM evse_status_fold g WHERE g.location_id = f.location_id AND g.uid_key = f.uid_key
                    ORDER BY g.last_updated DESC, g.version DESC, g.evse_uid COLLATE "C" LIMIT 1) AS n
ORDER BY f.location_id, f.uid_key, f.documented DESC, f.last_updated DESC, f.version DESC, f.evse_uid COLLATE "C";

DELETE FROM evse_status s
USING evse_status_fold f
WHERE s.location_id = f.location_id AND s.evse_uid = f.evse_uid
  AND NOT EXISTS (SELECT 1 FROM evse_status_keep k WHERE k.location_id = f.location_id AND k.evse_uid = f.evse_uid);

UPDATE evse_status s
SET status = k.status, last_updated = k.last_updated, version = k.version
FROM evse_status_keep k
WHERE s.location_id = k.location_id AND s.evse_uid = k.evse_uid;

DROP TABLE evse_status_fold;
DROP TABLE evse_status_keep;

CREATE UNIQUE INDEX evse_status_upper_uid ON evse_status (location_id, upper(evse_uid));
