-- Sign-in throttling per (username, address), plus a looser limit per address.
--
-- The old counters keyed on a username alone (one address could lock an
-- account for everyone) and on an address alone (a few made-up usernames
-- locked every staff member behind that address out). They only slowed and
-- locked; they held nothing worth keeping.
DROP TABLE login_failures;

-- One row per (username, address) that has had sign-ins not (yet) proven
-- right. An attempt is counted here before its password is checked and the
-- row is removed when it turns out right, so concurrent attempts cannot get
-- past the limit between reading and writing the count.
CREATE TABLE login_failures (
    username text NOT NULL,
    address text NOT NULL,
    failures integer NOT NULL,
    last_failure_at timestamptz NOT NULL,
    locked_until timestamptz,
    PRIMARY KEY (username, address)
);

-- Attempts from one address in a fixed window, whatever the username:
-- refuses an address that guesses too much without locking any account.
CREATE TABLE login_address_failures (
    address text PRIMARY KEY,
    failures integer NOT NULL,
    window_started_at timestamptz NOT NULL
);
