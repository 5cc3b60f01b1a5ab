"""A synthetic city for the benchmarks, written through the API's own tables.

On top of the reference seed (the real districts and subdistricts, the 20
pilot communities): communities up to `communities` in all, spread over the
real subdistricts; `screens_each` screens per community (BULLETIN and
GALLERY), each with a token the benchmark knows; and a few years of content
in the proportions of a real city (per 1,000 communities: 100,000 notices,
50,000 honours, 100,000 events), most of it long expired, a little of it on
the screens now, plus current notices of the city, each district and each
subdistrict, which every community below them shows. `content_scale` multiplies the content (the "10× content"
check) without changing the communities or the screens.

Rows go in through set-based INSERT … SELECT so that a city takes seconds;
regions and screens through every trigger as staff edits do, content
without the per-row feed trigger and each region's revision bumped once after.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from qile_api.seed.reference import seed_reference
from qile_api.tokens import hash_token

# Per community, over about three years; a few of each are current.
NOTICES_PER_COMMUNITY = 100
HONOURS_PER_COMMUNITY = 50
EVENTS_PER_COMMUNITY = 100
UPCOMING_EVENTS = 12


@dataclass(frozen=True)
class Screen:
    token: str
    community_id: int
    community: str
    kind: str


@dataclass(frozen=True)
class City:
    dsn: str
    communities: int
    screens: list[Screen]
    notices: int
    honours: int
    events: int

    def screen_in(self, community: str, kind: str = "BULLETIN") -> Screen:
        return next(s for s in self.screens if s.community == community and s.kind == kind)


def screen_token(screen_id: int) -> str:
    """A fixed token per screen, so that load generators can be handed it on the command line."""
    return f"qs_bench{screen_id:012d}"


async def build_city(dsn: str, *, communities: int = 1000, screens_each: int = 3, content_scale: float = 1.0) -> City:
    """Fill a migrated, empty database at `dsn` with a city; return what the benchmarks need to poll it."""
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await seed_reference(conn)
            await _communities(conn, communities)
            screens = await _screens(conn, screens_each)
            # Content goes in without the per-row feed trigger (an upsert and a
            # NOTIFY for each of up to millions of rows took most of an hour at
            # 10×); each region's revision is bumped once after, as the trigger
            # would have left it: changed since the screens last looked.
            await conn.execute("SET LOCAL session_replication_role = replica")
            counts = await _content(conn, content_scale)
            await conn.execute("SET LOCAL session_replication_role = origin")
            await conn.execute("SELECT bump_feed_revision(id) FROM regions")
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return City(dsn, communities, screens, *counts)


async def _communities(conn: asyncpg.Connection, total: int) -> None:
    # Numbered communities, dealt round-robin to the real subdistricts.
    await conn.execute(
        """
        WITH subdistricts AS (
            SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS m
            FROM regions WHERE level = 'SUBDISTRICT'
        ), wanted AS (
            SELECT g FROM generate_series(
                1, greatest($1 - (SELECT count(*) FROM regions WHERE level = 'COMMUNITY'), 0)
            ) g
        )
        INSERT INTO regions (level, parent_id, name)
        SELECT 'COMMUNITY', s.id, '第' || w.g || '社区'
        FROM wanted w JOIN subdistricts s ON s.n = w.g % s.m
        """,
        total,
    )


async def _screens(conn: asyncpg.Connection, each: int) -> list[Screen]:
    rows = await conn.fetch(
        """
        INSERT INTO screens (community_id, kind, name)
        SELECT c.id, CASE WHEN k % 3 = 2 THEN 'GALLERY' ELSE 'BULLETIN' END, '屏' || k
        FROM regions c CROSS JOIN generate_series(1, $1) k
        WHERE c.level = 'COMMUNITY'
        RETURNING id, community_id, kind, (SELECT name FROM regions WHERE id = community_id) AS community
        """,
        each,
    )
    await conn.executemany(
        "UPDATE screens SET token_hash = $2, token_issued_at = now() WHERE id = $1",
        [(r["id"], hash_token(screen_token(r["id"]))) for r in rows],
    )
    return [Screen(screen_token(r["id"]), r["community_id"], r["community"], r["kind"]) for r in rows]


async def _content(conn: asyncpg.Connection, scale: float) -> tuple[int, int, int]:
    """Notices, honours and events per community; item i of n lies i/n of three years back."""
    notices = round(NOTICES_PER_COMMUNITY * scale)
    honours = round(HONOURS_PER_COMMUNITY * scale)
    events = round(EVENTS_PER_COMMUNITY * scale)
    await conn.execute(
        """
        INSERT INTO notices
            (region_id, category, title, body, priority, display_start, display_end, status, published_at)
        SELECT c.id, (ARRAY['SERVICE','POLICY','HEALTH','ANTI_FRAUD'])[1 + i % 4],
               '通知第' || i || '号：' || left(c.name, 8) || '近期安排',
               repeat('请各位居民相互转告，做好准备。', 1 + i % 6), i % 5,
               now() - make_interval(days => (($2 - i) * 1095 / $2)::int, hours => i % 24),
               now() - make_interval(days => (($2 - i) * 1095 / $2)::int - 14),
               'PUBLISHED', now() - make_interval(days => (($2 - i) * 1095 / $2)::int)
        FROM regions c CROSS JOIN generate_series(1, $1) i
        WHERE c.level = 'COMMUNITY'
        """,
        notices,
        max(notices, 1),
    )
    await conn.execute(
        """
        INSERT INTO honours (region_id, title, subject_kind, subject_name, citation, year, status, published_at)
        SELECT c.id, (ARRAY['好邻居','好楼长','好家庭','热心商户'])[1 + i % 4],
               (ARRAY['PERSON','PERSON','HOUSEHOLD','MERCHANT'])[1 + i % 4], '居民' || i,
               repeat('多年来热心帮助邻里，义务打扫楼道，照顾孤寡老人。', 1 + i % 4),
               extract(year FROM now())::int - i % 3, 'PUBLISHED', now() - make_interval(days => i)
        FROM regions c CROSS JOIN generate_series(1, $1) i
        WHERE c.level = 'COMMUNITY'
        """,
        honours,
    )
    await conn.execute(
        """
        INSERT INTO events (region_id, category, title, venue, organiser, starts_at, ends_at, status, published_at)
        SELECT c.id, 'READING', '第' || i || '期读书会', '社区党群服务中心', left(c.name, 16),
               date_trunc('hour', now()) + make_interval(days => 14 - (($2 - i) * 1095 / $2)::int, hours => 9),
               date_trunc('hour', now()) + make_interval(days => 14 - (($2 - i) * 1095 / $2)::int, hours => 11),
               'PUBLISHED', now() - make_interval(days => 30)
        FROM regions c CROSS JOIN generate_series(1, $1) i
        WHERE c.level = 'COMMUNITY'
        """,
        events - UPCOMING_EVENTS,
        max(events - UPCOMING_EVENTS, 1),
    )
    # The schedule a bulletin shows: the coming two weeks, a little under one event a day.
    await conn.execute(
        """
        INSERT INTO events (region_id, category, title, venue, organiser, starts_at, ends_at, status, published_at)
        SELECT c.id, 'READING', '近期活动' || i || '：邻里读书分享会', '社区文化广场', left(c.name, 16),
               date_trunc('day', now()) + make_interval(days => i, hours => 1 + i % 10),
               date_trunc('day', now()) + make_interval(days => i, hours => 3 + i % 10),
               'PUBLISHED', now() - interval '2 days'
        FROM regions c CROSS JOIN generate_series(1, $1) i
        WHERE c.level = 'COMMUNITY'
        """,
        UPCOMING_EVENTS,
    )
    # What every community also shows: current notices of the city, its district and its subdistrict.
    await conn.execute(
        """
        INSERT INTO notices (region_id, category, title, body, display_start, display_end, status, published_at)
        SELECT r.id, 'POLICY', left(r.name, 8) || '通知' || i, repeat('全体居民请注意：', 1 + i),
               now() - interval '1 day', now() + interval '14 days', 'PUBLISHED', now() - interval '1 day'
        FROM regions r
        CROSS JOIN generate_series(1, CASE r.level WHEN 'CITY' THEN 5 WHEN 'DISTRICT' THEN 3 ELSE 2 END) i
        WHERE r.level <> 'COMMUNITY'
        """
    )
    total = await conn.fetchrow(
        """SELECT (SELECT count(*) FROM notices) AS n, (SELECT count(*) FROM honours) AS h,
                  (SELECT count(*) FROM events) AS e"""
    )
    assert total is not None
    return total["n"], total["h"], total["e"]
