-- The deadline reminders (src/Modules/Reporting/EPlanNacc.Modules.Reporting/Features/Reminders): one row per reminder
-- the system decided to send, written in the same transaction as its emails in the Identity module's outbox, so that
-- a run killed midway and run again sends each reminder once. kind 'coordinator': to an LAO's coordinator, at a step before
-- its own deadline (before-14, before-7, before-3, before-1) or sent by staff (manual-YYYY-MM-DD, one a day);
-- kind 'province': the list of a province's LAOs still missing, to its provincial office the day after the round's
-- deadline (after-deadline). recipients and email_ids (the ids of the outbox's emails, no foreign key across schemas) are
-- empty for a province whose office has no account with an address: the staff's page shows it as not sent (an LAO
-- without a coordinator's address gets no row: the page lists those from the LAOs' data).
CREATE TABLE reporting.reminder_log (
    id            uuid        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('coordinator', 'province')),
    dla_code      text        NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    province_code text        NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
    -- the LAO's or the province's name when it was sent
    name_th       text        NOT NULL,
    fiscal_year   integer     NOT NULL CHECK (fiscal_year BETWEEN 2561 AND 2600),
    round         smallint    NOT NULL CHECK (round IN (6, 12)),
    step          text        NOT NULL
        CHECK (step ~ '^(before-(14|7|3|1)|after-deadline|manual-[0-9]{4}-[0-9]{2}-[0-9]{2})$'),
    -- the day in Bangkok it was sent on, and the deadline it spoke of (an LAO's own, with its extension)
    sent_on       date        NOT NULL,
    deadline      date        NOT NULL,
    -- what was missing: an LAO's plan and its projects not yet reported; a province's LAOs listed
    plan_recorded boolean     NULL,
    unreported    integer     NULL CHECK (unreported >= 0),
    lao_count     integer     NULL CHECK (lao_count >= 0),
    recipients    text[]      NOT NULL DEFAULT '{}',
    email_ids     uuid[]      NOT NULL DEFAULT '{}',
    queued_at     timestamptz NOT NULL,
    queued_by     text        NOT NULL,
    CHECK ((kind = 'coordinator') = (dla_code IS NOT NULL)),
    CHECK (kind = 'province' OR (plan_recorded IS NOT NULL AND unreported IS NOT NULL)),
    CHECK (kind = 'coordinator' OR lao_count IS NOT NULL),
    CHECK (kind = 'province' OR cardinality(recipients) > 0)
);
-- never twice: one reminder per LAO, round and step, and at most one a day per LAO and round (a staff's send on the
-- day of a step, or a second send the same day, finds it already done); one list per province, round and step
CREATE UNIQUE INDEX reminder_log_lao_step_key
    ON reporting.reminder_log (dla_code, fiscal_year, round, step) WHERE kind = 'coordinator';
CREATE UNIQUE INDEX reminder_log_lao_day_key
    ON reporting.reminder_log (dla_code, fiscal_year, round, sent_on) WHERE kind = 'coordinator';
CREATE UNIQUE INDEX reminder_log_province_step_key
    ON reporting.reminder_log (province_code, fiscal_year, round, step) WHERE kind = 'province';
-- the staff's page and the desk: a round's reminders in a province (or the nation), newest first
CREATE INDEX reminder_log_round_idx ON reporting.reminder_log (fiscal_year, round, province_code, queued_at DESC);
