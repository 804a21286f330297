-- EVSE identities live in evse_meta only: a Location put writes its EVSEs' rows here (before, each EVSE grain kept
-- its own in Orleans grain state, one unbatched read per activation). horizon (Unix ms) is the grain's observation
-- horizon from a document or a graceful deactivation. Identities still in Orleans grain state are moved here by
-- every migration run (EvseIdentityMove); the partial index keeps that lookup cheap once they are gone.
ALTER TABLE evse_meta ADD COLUMN horizon INTEGER;

CREATE INDEX orleans_grain_state_evse ON orleans_grain_state (grain_type_string) WHERE grain_type_string = 'evse';

-- An EVSE grain that writes a new row takes the next import sequence (PostgreSQL has an identity column for that).
CREATE INDEX evse_meta_seq ON evse_meta (imported_seq);
