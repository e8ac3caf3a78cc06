CREATE TABLE restaurants (
    id         BIGINT PRIMARY KEY,
    name       TEXT        NOT NULL,
    phone      TEXT        NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('OPEN', 'CLOSED', 'TEMPORARILY_CLOSED')),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
