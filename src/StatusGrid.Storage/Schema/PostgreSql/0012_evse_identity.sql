-- EVSE identities live in evse_meta only: a Location put writes its EVSEs' rows here (before, each EVSE grain kept
-- its own in Orleans grain state, one unbatched read per activation). horizon is the grain's observation horizon
-- from a document or a graceful deactivation. Identities still in Orleans grain state are moved here by every
-- migration run (EvseIdentityMove), so rows an older silo wrote during a rolling upgrade are moved too; the partial
-- index keeps that lookup cheap once they are gone.
ALTER TABLE evse_meta ADD COLUMN horizon timestamptz;

CREATE INDEX orleans_grain_state_evse ON orleans_grain_state (grain_type_string) WHERE grain_type_string = 'evse';
