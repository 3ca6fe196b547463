-- Schema v4: self-care practices logged per day, and the student's own people to turn to.
-- The practices a student picks from live in the settings (key "practices"); what they did on a
-- day is its own column, a JSON list of names like tags, so it is never confused with a tag.
ALTER TABLE daily_entry ADD COLUMN practices TEXT NOT NULL DEFAULT '[]';

-- "My people": private, never shared unless the student exports or picks them for a summary.
CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    kind        TEXT NOT NULL
                CHECK (kind IN ('friend', 'peer-group', 'mentor', 'family', 'counselor', 'other')),
    contact     TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 200),
    last_talked TEXT CHECK (last_talked IS NULL OR length(last_talked) = 10),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
