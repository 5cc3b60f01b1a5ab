-- What decides a screen's feed version, told to every API process.
--
-- Each process keeps, in memory, the feed revision of every region and the
-- screens that polled it (token hash → screen, community path), so that an
-- unchanged poll needs no round trip to the database (screens/watch.py). Two
-- ways keep that memory current:
-- * NOTIFY on channel `qile_watch` from the triggers below, at commit: a
--   listening process re-reads what changed within milliseconds;
-- * `changed_xid` / `watch_xid`: the transaction that last changed a row. A
--   process re-reads the rows changed by transactions at or after the oldest
--   one still running at its previous look (pg_snapshot_xmin), about twice a
--   second, so a notification that never arrived (a listener connection that
--   dropped) delays a change by a second at most.
--
-- Payloads only say what changed (`r <region>`, `s <screen>`, `reset`): the
-- process reads the values in one consistent snapshot, never from a payload.

ALTER TABLE feed_revisions ADD COLUMN changed_xid xid8;
CREATE INDEX feed_revisions_changed ON feed_revisions (changed_xid);

CREATE OR REPLACE FUNCTION bump_feed_revision(region bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO feed_revisions (region_id, revision, changed_xid)
    VALUES (region, nextval('feed_revision_seq'), pg_current_xact_id())
    ON CONFLICT (region_id) DO UPDATE SET revision = EXCLUDED.revision, changed_xid = EXCLUDED.changed_xid;
    PERFORM pg_notify('qile_watch', 'r ' || region);
END $$;

-- A screen's token (a revoked one must stop working), its status, and the
-- fields its feed header shows or its feed is chosen by.
ALTER TABLE screens ADD COLUMN watch_xid xid8;
CREATE INDEX screens_watch ON screens (watch_xid);

CREATE FUNCTION screen_watched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('qile_watch', 's ' || OLD.id);
        RETURN OLD;
    END IF;
    NEW.watch_xid := pg_current_xact_id();
    PERFORM pg_notify('qile_watch', 's ' || NEW.id);
    RETURN NEW;
END $$;

CREATE TRIGGER screens_watch BEFORE UPDATE ON screens FOR EACH ROW
    WHEN ((OLD.token_hash, OLD.status, OLD.name, OLD.kind, OLD.location, OLD.community_id, OLD.version)
          IS DISTINCT FROM (NEW.token_hash, NEW.status, NEW.name, NEW.kind, NEW.location, NEW.community_id,
                            NEW.version))
    EXECUTE FUNCTION screen_watched();
CREATE TRIGGER screens_watch_delete AFTER DELETE ON screens FOR EACH ROW EXECUTE FUNCTION screen_watched();

-- What no row says: the screens emptied, or a region moved (its communities'
-- paths change). Every process forgets every screen it knew.
CREATE FUNCTION watch_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('qile_watch', 'reset');
    INSERT INTO watch_resets (changed_xid) VALUES (pg_current_xact_id());
    RETURN NULL;
END $$;

-- The reset's own trace for the re-check (a TRUNCATE leaves no row to find).
CREATE TABLE watch_resets (
    changed_xid xid8 NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX watch_resets_changed ON watch_resets (changed_xid);

CREATE TRIGGER screens_truncated AFTER TRUNCATE ON screens FOR EACH STATEMENT EXECUTE FUNCTION watch_reset();
CREATE TRIGGER regions_moved AFTER UPDATE OF parent_id ON regions FOR EACH ROW
    WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION watch_reset();
