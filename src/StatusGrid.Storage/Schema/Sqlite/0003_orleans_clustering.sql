-- Orleans 10.4.2 ADO.NET clustering (SQLite), written against CONTRACT.md section 4. Upstream ships no SQLite
-- clustering script; this one is ours. Membership is scoped by ClusterId, bound as @DeploymentId.
-- Time columns hold what Microsoft.Data.Sqlite writes for a DateTime parameter ('yyyy-MM-dd HH:mm:ss.FFFFFFF'),
-- and are only ever written from parameters, so text comparison orders them correctly.

CREATE TABLE orleans_membership_version (
    deployment_id TEXT    NOT NULL PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 0,
    modified_on   TEXT    NOT NULL
);

CREATE TABLE orleans_membership (
    deployment_id   TEXT    NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address         TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    silo_name       TEXT    NOT NULL,
    host_name       TEXT    NOT NULL,
    status          INTEGER NOT NULL,
    proxy_port      INTEGER NOT NULL DEFAULT 0,
    suspect_times   TEXT    NULL,
    start_time      TEXT    NOT NULL,
    i_am_alive_time TEXT    NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
) WITHOUT ROWID;

-- Why triggers: a membership write must change the member row and bump the cluster version together or not at
-- all, and SQLite has no stored procedures. The query texts below are single statements whose WHERE checks the
-- expected version; the trigger bumps it inside the same statement, so both commit together. SQLite runs one
-- writer at a time, so the checked version cannot move between the check and the bump.
-- Only inserts and changes of status/suspect_times bump the version; IAmAlive updates (i_am_alive_time only)
-- and cleanup deletes never do.
CREATE TRIGGER orleans_membership_inserted AFTER INSERT ON orleans_membership
BEGIN
    UPDATE orleans_membership_version
    SET version = version + 1, modified_on = strftime('%Y-%m-%d %H:%M:%f', 'now')
    WHERE deployment_id = NEW.deployment_id;
END;

CREATE TRIGGER orleans_membership_updated AFTER UPDATE OF status, suspect_times ON orleans_membership
BEGIN
    UPDATE orleans_membership_version
    SET version = version + 1, modified_on = strftime('%Y-%m-%d %H:%M:%f', 'now')
    WHERE deployment_id = NEW.deployment_id;
END;

-- Exactly one row, one column: 1 = created, 0 = existed already.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
INSERT OR IGNORE INTO orleans_membership_version (deployment_id, version, modified_on)
VALUES (@DeploymentId, 0, strftime(''%Y-%m-%d %H:%M:%f'', ''now''));
SELECT changes();
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
SELECT v.deployment_id AS DeploymentId, v.version AS Version,
       m.address AS Address, m.port AS Port, m.generation AS Generation, m.silo_name AS SiloName,
       m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
       m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
SELECT v.deployment_id AS DeploymentId, v.version AS Version,
       m.address AS Address, m.port AS Port, m.generation AS Generation, m.silo_name AS SiloName,
       m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
       m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
     AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
');

-- Inserts only while the cluster version still equals @Version (the trigger then bumps it); a duplicate member
-- is ignored. changes() reports 1 = done, 0 = conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
    proxy_port, suspect_times, start_time, i_am_alive_time)
SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
    @ProxyPort, NULL, @StartTime, @IAmAliveTime
WHERE EXISTS (SELECT 1 FROM orleans_membership_version
              WHERE deployment_id = @DeploymentId AND version = @Version AND version < 2147483647)
ON CONFLICT DO NOTHING;
SELECT changes();
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
UPDATE orleans_membership
SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND EXISTS (SELECT 1 FROM orleans_membership_version
              WHERE deployment_id = @DeploymentId AND version = @Version AND version < 2147483647);
SELECT changes();
');

-- Keeps the later of the stored and the new time; never touches the version (only i_am_alive_time is set).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND i_am_alive_time < @IAmAliveTime;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
');

-- Only used if CleanupDefunctSiloEntryKey were missing: dead silos that started and last lived before the cutoff.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6
  AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime;
');

-- Preferred by Orleans: delete one row it judged defunct, only if it is unchanged since Orleans read it
-- (still dead, same times, same suspect votes; NULL equals empty).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', '
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND ifnull(suspect_times, '''') = ifnull(@SuspectTimes, '''');
');
