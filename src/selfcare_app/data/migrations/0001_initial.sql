-- Schema v1. Missing values are NULL, never 0; a missing day has no row.
CREATE TABLE daily_entry (
    day          TEXT PRIMARY KEY CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    stress       INTEGER CHECK (stress BETWEEN 0 AND 10),
    sleep_hours  REAL    CHECK (sleep_hours BETWEEN 0 AND 16),
    study_hours  REAL    CHECK (study_hours BETWEEN 0 AND 24),
    mood         INTEGER CHECK (mood BETWEEN 0 AND 10),
    energy       INTEGER CHECK (energy BETWEEN 0 AND 10),
    social       INTEGER CHECK (social IN (0, 1, 2)),
    tags         TEXT    NOT NULL DEFAULT '[]',
    note         TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 20000),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    CHECK (coalesce(sleep_hours, 0) + coalesce(study_hours, 0) <= 24)
);

CREATE TABLE assessment (
    id                 INTEGER PRIMARY KEY,
    instrument         TEXT NOT NULL,
    instrument_version TEXT NOT NULL,
    taken_at           TEXT NOT NULL,
    answers            TEXT NOT NULL,
    score              REAL,
    band               TEXT,
    subscores          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX assessment_by_instrument ON assessment (instrument, taken_at);

CREATE TABLE finding (
    id            INTEGER PRIMARY KEY,
    rule          TEXT NOT NULL,
    day           TEXT NOT NULL,
    window_start  TEXT NOT NULL,
    window_end    TEXT NOT NULL,
    evidence      TEXT NOT NULL DEFAULT '[]',
    message       TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'new'
                  CHECK (state IN ('new', 'seen', 'snoozed', 'dismissed', 'not-helpful')),
    snoozed_until TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX finding_by_rule ON finding (rule, day);

CREATE TABLE safety_event (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    source  TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE resource_pack (
    campus      TEXT PRIMARY KEY,
    updated     TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE resource (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) > 0),
    category    TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    sms         TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    url         TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    hours       TEXT NOT NULL DEFAULT '',
    meets       TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL CHECK (source IN ('builtin', 'pack', 'user')),
    pack_campus TEXT REFERENCES resource_pack (campus) ON DELETE CASCADE,
    pack_key    TEXT,
    verified_on TEXT,
    favourite   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX resource_by_category ON resource (category);

CREATE TABLE quiet_period (
    id        INTEGER PRIMARY KEY,
    start_day TEXT NOT NULL,
    end_day   TEXT NOT NULL,
    label     TEXT NOT NULL DEFAULT '',
    CHECK (end_day >= start_day)
);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
