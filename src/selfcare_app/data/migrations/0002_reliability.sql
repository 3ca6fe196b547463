-- Reliability (issue 13). A row version per day, so a window that loaded a day can tell that
-- another window or command changed it before it saves; a generation counter that every write
-- transaction raises and that every backup carries, so a vault put back by a sync service
-- (older than its newest backup) is noticed on open.
ALTER TABLE daily_entry ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO vault_meta (key, value) VALUES ('generation', 1);
