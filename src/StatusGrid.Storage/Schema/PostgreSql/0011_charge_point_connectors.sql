-- Connector statuses of OCPP charge points (IConnectorStore), group-committed like evse_status; before this they
-- were part of the charge point grain's state (one grain-state write per StatusNotification).
CREATE TABLE charge_point_connectors (
    identity     text        NOT NULL,
    evse_id      integer     NOT NULL,
    connector_id integer     NOT NULL,
    state        text        NOT NULL,
    observed_at  timestamptz NOT NULL,
    error_code   text,
    PRIMARY KEY (identity, evse_id, connector_id)
);
