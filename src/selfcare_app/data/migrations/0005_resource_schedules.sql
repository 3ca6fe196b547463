-- Campus packs, format 2: the centre's own order and structured meeting times.
-- pack_position: the entry's place in its pack (Get help now keeps the centre's order).
-- schedule: JSON list of weekly slots or dated events (core/schedule.py), '' when none.
ALTER TABLE resource ADD COLUMN pack_position INTEGER;
ALTER TABLE resource ADD COLUMN schedule TEXT NOT NULL DEFAULT '';
