-- Orleans 10.4.2 ADO.NET clustering (PostgreSQL), written against CONTRACT.md section 4.
-- Membership is scoped by ClusterId, bound as @DeploymentId. Times are timestamptz: Npgsql sends Orleans'
-- DateTime parameters as timestamptz, so the session TimeZone cannot shift them.

CREATE TABLE orleans_membership_version (
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    modified_on   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Membership writes change a member row and bump the cluster version atomically. The bump comes first: it
-- checks the expected version and its row lock serialises all membership writes of the cluster. If the member
-- part then fails, RAISE (never ASSERT, which can be disabled) aborts the inner block, which rolls back the bump
-- too, and the function answers 0 (conflict) instead of an error.
CREATE FUNCTION orleans_membership_insert(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text,
    p_host_name text, p_status integer, p_proxy_port integer, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $fn$
BEGIN
    BEGIN
        UPDATE orleans_membership_version
        SET version = version + 1, modified_on = now()
        WHERE deployment_id = p_deployment_id AND version = p_version AND version < 2147483647;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
            proxy_port, suspect_times, start_time, i_am_alive_time)
        VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
            coalesce(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive_time)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'membership row exists' USING ERRCODE = 'SGM01';
        END IF;

        RETURN 1;
    EXCEPTION WHEN SQLSTATE 'SGM01' THEN
        RETURN 0;
    END;
END;
$fn$;

CREATE FUNCTION orleans_membership_update(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $fn$
BEGIN
    BEGIN
        UPDATE orleans_membership_version
        SET version = version + 1, modified_on = now()
        WHERE deployment_id = p_deployment_id AND version = p_version AND version < 2147483647;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        UPDATE orleans_membership
        SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
        WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port
          AND generation = p_generation;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'membership row missing' USING ERRCODE = 'SGM02';
        END IF;

        RETURN 1;
    EXCEPTION WHEN SQLSTATE 'SGM02' THEN
        RETURN 0;
    END;
END;
$fn$;

-- Exactly one row, one column: 1 = created, 0 = existed already.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id, version) VALUES (@DeploymentId, 0)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM created;
$q$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadAllKey', $q$
SELECT v.deployment_id AS "DeploymentId", v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$q$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadRowKey', $q$
SELECT v.deployment_id AS "DeploymentId", v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
     AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$q$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
    @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
    @IAmAliveTime, @Version);
$q$);

-- Keeps the later of the stored and the new time; never touches the version.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND i_am_alive_time < @IAmAliveTime;
$q$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$);

INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$q$);

-- Only used if CleanupDefunctSiloEntryKey were missing: dead silos that started and last lived before the cutoff.
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6
  AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime;
$q$);

-- Preferred by Orleans: delete one row it judged defunct, only if it is unchanged since Orleans read it
-- (still dead, same times, same suspect votes; NULL equals empty).
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '');
$q$);
