-- A Location document's own version: raised by one on every stored change of the document (not by status changes,
-- which raise last_updated only). A partner is owed a Location PUT while this is above what its delivery ledger
-- holds for the document (partner_delivery's row with evse_uid '', see DeliveryLedgerSql.UndeliveredLocations), so
-- an admin edit answered before its PUT reached a partner is still sent after a crash or restart.
-- Rows stored before this script start at 0: nothing is owed for them (their PUTs went, or were lost, before).
ALTER TABLE locations ADD COLUMN document_version INTEGER NOT NULL DEFAULT 0;
