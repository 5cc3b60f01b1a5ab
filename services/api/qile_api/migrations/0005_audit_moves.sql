-- An entry about something moved from one region to another (a notice
-- re-scoped, an account given another scope) belongs to both regions' logs:
-- the old scope's administrators must see what left their scope.
ALTER TABLE audit_log ADD COLUMN previous_region_id bigint REFERENCES regions (id);
CREATE INDEX audit_log_previous_region ON audit_log (previous_region_id, id DESC)
    WHERE previous_region_id IS NOT NULL;
