-- The first schema: pages and their provenance, cases (incidents), the
-- reports linked into each case, and every version of every report.

-- One row per ingested document, with the hash of the bytes last ingested.
CREATE TABLE pages (
    source       TEXT PRIMARY KEY,          -- path or URL it was read from
    hash         TEXT NOT NULL,             -- sha256 of the raw bytes, hex
    media_type   TEXT NOT NULL,
    charset      TEXT NOT NULL,
    first_seen   TEXT NOT NULL,             -- RFC 3339, UTC
    last_changed TEXT NOT NULL
);

-- One row per incident. The id is short and stable; current_version is the
-- report version whose figures are the incident's current ones.
CREATE TABLE cases (
    id              TEXT PRIMARY KEY,
    current_version INTEGER REFERENCES report_versions (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- One row per notice: the position-th notice of a page. org_key is the
-- normalized organization of its latest version, which linking looks up.
CREATE TABLE reports (
    id       INTEGER PRIMARY KEY,
    source   TEXT NOT NULL REFERENCES pages (source),
    position INTEGER NOT NULL,
    case_id  TEXT NOT NULL REFERENCES cases (id),
    org_key  TEXT NOT NULL,
    UNIQUE (source, position)
);
CREATE INDEX reports_case ON reports (case_id);
CREATE INDEX reports_org ON reports (org_key);

-- Every extraction of a report that differed from the one before. The
-- incident column is the full record as JSON without its text, which has
-- its own column; the others repeat the headline fields for sqlite3 users.
CREATE TABLE report_versions (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES reports (id),
    page_hash    TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    organization TEXT,
    title        TEXT,
    published    TEXT,
    discovered   TEXT,
    causes       TEXT,                      -- ids joined by ";"
    affected     INTEGER,
    sequence     INTEGER,
    text         TEXT NOT NULL,
    incident     TEXT NOT NULL CHECK (json_valid(incident))
);
CREATE INDEX report_versions_report ON report_versions (report_id, id);

-- The current figures of each case, for reading the store by hand.
CREATE VIEW case_summary AS
SELECT c.id,
       v.organization,
       v.title,
       v.published,
       v.discovered,
       v.causes,
       v.affected,
       v.sequence,
       (SELECT count(*)
          FROM report_versions rv JOIN reports r ON r.id = rv.report_id
         WHERE r.case_id = c.id) AS versions
  FROM cases c
  JOIN report_versions v ON v.id = c.current_version;
