-- Bulk reports (issue 8, section 6). A batch is one report (kind) of one fiscal year and round for the nation
-- (province_code NULL) or one province, requested by a member of staff; its items are the files it produces, one row
-- each, written when the batch is created. A background run renders the pending items, records each one done or
-- failed as it finishes (so the counters move as the page polls them), then packs the files into a zip kept 30 days.
-- A run that dies leaves its items pending: the next run (the job retried, or the sweep every minute) renders only
-- those, so each file is produced once.
CREATE TABLE reporting.report_batches (
    id            uuid        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('performance', 'status', 'evaluation', 'province')),
    fiscal_year   integer     NOT NULL,
    round         integer     NOT NULL CHECK (round IN (6, 12)),
    province_code text        NULL CHECK (province_code ~ '^[0-9]{2}$'),
    requested_by  text        NOT NULL,
    requested_at  timestamptz NOT NULL,
    status        text        NOT NULL DEFAULT 'queued'
                              CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    total         integer     NOT NULL CHECK (total >= 0),
    done          integer     NOT NULL DEFAULT 0 CHECK (done >= 0),
    failed        integer     NOT NULL DEFAULT 0 CHECK (failed >= 0),
    started_at    timestamptz NULL,
    finished_at   timestamptz NULL,
    zip_file      text        NULL,
    zip_bytes     bigint      NULL,
    expires_at    timestamptz NULL,
    error         text        NULL,
    CONSTRAINT report_batches_counts CHECK (done + failed <= total),
    CONSTRAINT report_batches_finished CHECK ((status IN ('succeeded', 'failed')) = (finished_at IS NOT NULL)),
    CONSTRAINT report_batches_zip CHECK (status <> 'succeeded' OR zip_file IS NOT NULL)
);
CREATE INDEX report_batches_unfinished_idx ON reporting.report_batches (requested_at)
    WHERE status IN ('queued', 'running');
CREATE INDEX report_batches_scope_idx ON reporting.report_batches (province_code, requested_at DESC);
CREATE INDEX report_batches_expiry_idx ON reporting.report_batches (expires_at) WHERE zip_file IS NOT NULL;

-- One file of a batch: an LAO's report (dla_code) or a province's roll-up (dla_code NULL), in the zip's order (seq).
-- title names what it is about for people (the LAO with its district and province, or the province); file_name is
-- the report's own file name, known once it is rendered. attempts counts the renderings recorded.
CREATE TABLE reporting.report_batch_items (
    batch_id      uuid        NOT NULL REFERENCES reporting.report_batches (id) ON DELETE CASCADE,
    seq           integer     NOT NULL CHECK (seq >= 1),
    province_code text        NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
    dla_code      text        NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    title         text        NOT NULL,
    state         text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    file_name     text        NULL,
    attempts      integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    error         text        NULL,
    finished_at   timestamptz NULL,
    PRIMARY KEY (batch_id, seq),
    CONSTRAINT report_batch_items_done_has_file CHECK (state <> 'done' OR file_name IS NOT NULL)
);
CREATE INDEX report_batch_items_pending_idx ON reporting.report_batch_items (batch_id, seq) WHERE state = 'pending';

-- The province roll-ups generated every night for the open rounds (PDF and Excel), so that staff download them at
-- once; one row per province, year, round and format, replaced by each new generation.
CREATE TABLE reporting.province_report_files (
    province_code text        NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
    fiscal_year   integer     NOT NULL,
    round         integer     NOT NULL CHECK (round IN (6, 12)),
    format        text        NOT NULL CHECK (format IN ('pdf', 'xlsx')),
    file_name     text        NOT NULL,
    stored_file   text        NOT NULL,
    bytes         bigint      NOT NULL CHECK (bytes >= 0),
    generated_at  timestamptz NOT NULL,
    PRIMARY KEY (province_code, fiscal_year, round, format)
);
