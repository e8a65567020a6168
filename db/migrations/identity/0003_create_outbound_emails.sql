-- The outbox of the emails the system sends (reset links, notices): a command writes its email here in its own
-- transaction, and a job sends it once that transaction commits; a sweep every minute sends what a crash or a mail
-- server outage left. A failure counts an attempt and keeps its error; a sent email keeps when it was sent, and its
-- bodies are emptied (a reset link's token stays in the database only while its email waits).
CREATE TABLE identity.outbound_emails (
    id              uuid        PRIMARY KEY,
    to_address      text        NOT NULL,
    to_name         text        NULL,
    subject         text        NOT NULL,
    html_body       text        NULL,
    text_body       text        NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz NULL,
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at timestamptz NULL,
    last_error      text        NULL,
    CONSTRAINT outbound_emails_pending_has_bodies
        CHECK (sent_at IS NOT NULL OR (html_body IS NOT NULL AND text_body IS NOT NULL))
);
CREATE INDEX outbound_emails_pending_idx ON identity.outbound_emails (created_at) WHERE sent_at IS NULL;
