-- Filtered location pages may walk the seq order and test last_updated on the way (the planner picks this when it
-- expects matches early). With last_updated included in the seq index, that walk is an index-only scan instead
-- of one heap fetch per row passed over.
DROP INDEX locations_seq;
CREATE UNIQUE INDEX locations_seq ON locations (seq) INCLUDE (last_updated);
