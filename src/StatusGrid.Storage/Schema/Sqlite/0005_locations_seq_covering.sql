-- Filtered location pages may walk the seq order and test last_updated on the way (the planner picks this when it
-- expects matches early). With last_updated in the seq-ordered index that walk never reads the wide rows, so
-- no plan for a page degrades into a per-row table scan. locations_seq stays the uniqueness guard for seq.
CREATE INDEX locations_seq_last_updated ON locations (seq, last_updated);
