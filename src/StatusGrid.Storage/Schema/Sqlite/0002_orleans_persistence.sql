-- Orleans 10.4.2 ADO.NET query catalogue and grain persistence (SQLite), written against
-- docs/orleans-adonet-contract.md sections 2 and 3. Use the invariant "System.Data.SQLite".
-- Orleans reads OrleansQuery(QueryKey, QueryText) unquoted and executes each QueryText verbatim with no
-- transaction around it, so every text below is atomic on its own: one statement, or statements of which at most
-- one can change anything.

CREATE TABLE OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- Orleans' DateTime rule does not matter here: modified_on is informational and never compared.
CREATE TABLE orleans_grain_state (
    service_id                TEXT    NOT NULL,
    grain_id_hash             INTEGER NOT NULL,
    grain_id_n0               INTEGER NOT NULL,
    grain_id_n1               INTEGER NOT NULL,
    grain_type_hash           INTEGER NOT NULL,
    grain_type_string         TEXT    NOT NULL,
    grain_id_extension_string TEXT    NULL,
    payload_binary            BLOB    NULL,
    version                   INTEGER NOT NULL,
    modified_on               TEXT    NOT NULL
);

-- The hashes are not unique, so a row is identified by all seven values, NULL extension matching NULL only.
-- SQLite treats NULLs as distinct in unique indexes, so the extension appears as (is-null flag, value-or-empty):
-- duplicate rows (which would make Read throw) cannot exist, and a racing second insert is ignored, which Orleans
-- reports as InconsistentStateException.
CREATE UNIQUE INDEX orleans_grain_state_identity ON orleans_grain_state (
    grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type_string,
    grain_id_extension_string IS NULL, ifnull(grain_id_extension_string, ''));

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT payload_binary AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS @GrainIdExtensionString;
');

-- Null ETag: insert version 1 unless the identity exists. ETag v: bump to v+1 only where the stored version is v.
-- Only one of the two statements can match, so at most one row comes back; none means conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT OR IGNORE INTO orleans_grain_state (service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash,
    grain_type_string, grain_id_extension_string, payload_binary, version, modified_on)
SELECT @ServiceId, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
    @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1, strftime(''%Y-%m-%d %H:%M:%f'', ''now'')
WHERE @GrainStateVersion IS NULL
RETURNING version AS NewGrainStateVersion;
UPDATE orleans_grain_state
SET payload_binary = @PayloadBinary, version = version + 1, modified_on = strftime(''%Y-%m-%d %H:%M:%f'', ''now'')
WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS @GrainIdExtensionString
RETURNING version AS NewGrainStateVersion;
');

-- Clear keeps the row (payload NULL) so the version keeps rising and stale writers still conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE orleans_grain_state
SET payload_binary = NULL, version = version + 1, modified_on = strftime(''%Y-%m-%d %H:%M:%f'', ''now'')
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS @GrainIdExtensionString
RETURNING version;
');

-- DeleteStateOnClear=true: remove the row; the returned value must differ from the old ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM orleans_grain_state
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS @GrainIdExtensionString
RETURNING version + 1;
');
