-- Orleans 10.4.2 ADO.NET query catalogue and grain persistence (PostgreSQL), written against
-- docs/orleans-adonet-contract.md sections 2 and 3. Use the invariant "Npgsql".
-- Orleans' bootstrap select is unquoted, so the catalogue must be lower case: orleansquery(querykey, querytext).
-- Orleans runs each QueryText verbatim without a transaction; Npgsql sends the statements of one text in one
-- implicit transaction, and at most one of them can change anything.

CREATE TABLE orleansquery (
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- bytea, not json/jsonb: Orleans binds PayloadBinary as bytea.
CREATE TABLE orleans_grain_state (
    service_id                text        NOT NULL,
    grain_id_hash             integer     NOT NULL,
    grain_id_n0               bigint      NOT NULL,
    grain_id_n1               bigint      NOT NULL,
    grain_type_hash           integer     NOT NULL,
    grain_type_string         text        NOT NULL,
    grain_id_extension_string text        NULL,
    payload_binary            bytea       NULL,
    version                   integer     NOT NULL,
    modified_on               timestamptz NOT NULL DEFAULT now()
);

-- The hashes are not unique, so a row is identified by all seven values, NULL extension matching NULL only
-- (NULLS NOT DISTINCT, PostgreSQL 15+). Duplicates, which would make Read throw, cannot exist; a racing second
-- insert waits for the first, then does nothing, which Orleans reports as InconsistentStateException.
CREATE UNIQUE INDEX orleans_grain_state_identity ON orleans_grain_state (
    grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type_string,
    grain_id_extension_string) NULLS NOT DISTINCT;

INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary", version AS "Version"
FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$);

-- Null ETag: insert version 1 unless the identity exists. ETag v: bump to v+1 only where the stored version is v.
-- Only one of the two statements can match, so at most one row comes back; none means conflict.
INSERT INTO orleansquery (querykey, querytext) VALUES ('WriteToStorageKey', $q$
INSERT INTO orleans_grain_state (service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash,
    grain_type_string, grain_id_extension_string, payload_binary, version)
SELECT @ServiceId, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
    @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS "NewGrainStateVersion";
UPDATE orleans_grain_state
SET payload_binary = @PayloadBinary, version = version + 1, modified_on = now()
WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version AS "NewGrainStateVersion";
$q$);

-- Clear keeps the row (payload NULL) so the version keeps rising and stale writers still conflict.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload_binary = NULL, version = version + 1, modified_on = now()
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version;
$q$);

-- DeleteStateOnClear=true: remove the row; the returned value must differ from the old ETag.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version + 1;
$q$);
