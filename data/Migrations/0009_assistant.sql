-- Language-model use per owner per day, so the daily token budget holds across restarts and instances.
CREATE TABLE llm_usage (
    owner_id  INTEGER NOT NULL REFERENCES owners (id),
    day       TEXT    NOT NULL,
    tokens    INTEGER NOT NULL,
    PRIMARY KEY (owner_id, day)
);
