-- An urgent notice shown alone: the rest of a screen's rotation waits while it
-- runs (staff's choice). Otherwise the rest keeps a share of the time.
ALTER TABLE notices ADD COLUMN exclusive boolean NOT NULL DEFAULT false;
