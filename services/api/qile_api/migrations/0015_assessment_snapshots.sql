-- Monthly snapshots of the assessment, so the office sees progress over time
-- (assessment/snapshots.py). The standard judges records as they stand, and
-- records keep no history: a month's snapshot is the only memory of how a
-- community stood then. One row per community, month and part of the
-- standard; the part's name is kept as it was, should the standard change.
--
-- `closing`: taken after the month ended (by the API's monthly job); false
-- for a snapshot of the month so far, taken on demand and replaced by the
-- closing one once the month is over.
CREATE TABLE assessment_snapshots (
    month date NOT NULL CHECK (extract(day FROM month) = 1),
    community_id bigint NOT NULL REFERENCES regions (id),
    part smallint NOT NULL CHECK (part BETWEEN 1 AND 8),
    part_name text NOT NULL,
    -- The year assessed: the month's.
    year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    met smallint NOT NULL CHECK (met >= 0),
    not_met smallint NOT NULL CHECK (not_met >= 0),
    unknown smallint NOT NULL CHECK (unknown >= 0),
    closing boolean NOT NULL,
    taken_at timestamptz NOT NULL,
    PRIMARY KEY (month, community_id, part)
);
CREATE INDEX assessment_snapshots_community ON assessment_snapshots (community_id, month);
