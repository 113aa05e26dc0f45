-- A notice can carry a picture made when it is pushed (the weekly aging chart with the digest): its kind, or NULL.
ALTER TABLE notices ADD COLUMN attachment TEXT;

-- Files waiting for a Teams user to accept them (file consent card): kept until accepted, declined or a week old.
CREATE TABLE outgoing_files (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL
);
