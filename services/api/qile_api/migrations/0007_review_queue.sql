-- The review queue: when an item was submitted (oldest first for reviewers),
-- and the photo of a signed consent form.
ALTER TABLE notices ADD COLUMN submitted_at timestamptz;
ALTER TABLE honours ADD COLUMN submitted_at timestamptz;
ALTER TABLE events ADD COLUMN submitted_at timestamptz;
UPDATE notices SET submitted_at = updated_at WHERE status = 'IN_REVIEW';
UPDATE honours SET submitted_at = updated_at WHERE status = 'IN_REVIEW';
UPDATE events SET submitted_at = updated_at WHERE status = 'IN_REVIEW';
CREATE INDEX notices_in_review ON notices (submitted_at, id) WHERE status = 'IN_REVIEW';
CREATE INDEX honours_in_review ON honours (submitted_at, id) WHERE status = 'IN_REVIEW';
CREATE INDEX events_in_review ON events (submitted_at, id) WHERE status = 'IN_REVIEW';
CREATE INDEX notices_created_by ON notices (created_by);
CREATE INDEX honours_created_by ON honours (created_by);
CREATE INDEX events_created_by ON events (created_by);

ALTER TABLE honours ADD COLUMN consent_form_sha256 text REFERENCES media (sha256);
