-- Who may fetch a photo off public view is decided per request from the rows
-- that use it (media/sql.py, MEDIA_USES) and, for a fresh upload, from its
-- upload entry in the audit log. Without these indexes every such fetch, and
-- every probe with a made-up hash, scanned those tables whole.
CREATE INDEX honours_photo ON honours (photo_sha256) WHERE photo_sha256 IS NOT NULL;
CREATE INDEX honours_consent_form ON honours (consent_form_sha256) WHERE consent_form_sha256 IS NOT NULL;
CREATE INDEX attestations_photo ON attestations (photo_sha256) WHERE photo_sha256 IS NOT NULL;
CREATE INDEX screen_screenshots_media ON screen_screenshots (media_sha256) WHERE media_sha256 IS NOT NULL;
CREATE INDEX audit_log_media_uploads ON audit_log ((after ->> 'sha256')) WHERE action = 'mediaUpload';
