-- Notices and events carry an image (issue 15): a poster (a full-page design,
-- shown whole on a screen of its own) or a photo (an activity's photo, shown
-- on galleries). A photo or poster showing recognisable people carries the
-- consent of the people shown, as an honour's photo does: who gave it, how
-- and when (content/images.py decides when it is needed).
ALTER TABLE notices
    ADD COLUMN image_sha256 text REFERENCES media (sha256),
    ADD COLUMN image_kind text CHECK (image_kind IN ('POSTER', 'PHOTO')),
    ADD COLUMN image_people boolean NOT NULL DEFAULT false,
    ADD COLUMN image_consent_by text,
    ADD COLUMN image_consent_method text,
    ADD COLUMN image_consent_at timestamptz;
ALTER TABLE events
    ADD COLUMN image_sha256 text REFERENCES media (sha256),
    ADD COLUMN image_kind text CHECK (image_kind IN ('POSTER', 'PHOTO')),
    ADD COLUMN image_people boolean NOT NULL DEFAULT false,
    ADD COLUMN image_consent_by text,
    ADD COLUMN image_consent_method text,
    ADD COLUMN image_consent_at timestamptz;

-- Who may fetch an image is decided from the rows using it (media/sql.py,
-- MEDIA_USES): an index lookup, as for honours (0008).
CREATE INDEX notices_image ON notices (image_sha256) WHERE image_sha256 IS NOT NULL;
CREATE INDEX events_image ON events (image_sha256) WHERE image_sha256 IS NOT NULL;
