-- Connector statuses of OCPP charge points (IConnectorStore), group-committed like evse_status; before this they
-- were part of the charge point grain's state (one grain-state write per StatusNotification).
CREATE TABLE charge_point_connectors (
    identity     TEXT    NOT NULL,
    evse_id      INTEGER NOT NULL,
    connector_id INTEGER NOT NULL,
    state        TEXT    NOT NULL,
    observed_at  INTEGER NOT NULL,
    error_code   TEXT,
    PRIMARY KEY (identity, evse_id, connector_id)
) WITHOUT ROWID;
