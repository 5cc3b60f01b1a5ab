-- A district, subdistrict or community that is merged away or abolished is
-- retired, never deleted: what was recorded in it (content, community records,
-- screens, the audit log) keeps pointing at it. Lists and pickers leave it out.
ALTER TABLE regions ADD COLUMN retired_at timestamptz;
