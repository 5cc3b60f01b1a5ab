-- A key every API process shares, for signing short-lived links to images
-- off public view (staff open them in a browser, which sends no bearer header).
CREATE TABLE app_secrets (
    name text PRIMARY KEY,
    value bytea NOT NULL CHECK (length(value) >= 32)
);
