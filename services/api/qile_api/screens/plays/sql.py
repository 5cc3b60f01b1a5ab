"""SQL for proof of play: what screens showed, and for how long."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from qile_api.db.database import Executor
from qile_api.db.query import Conditions
from qile_api.metrics.instruments import PLAYS_WRITTEN


@dataclass(frozen=True)
class PlayRecord:
    client_id: str
    item_type: str
    item_id: int | None
    item_ref: str
    started_at: datetime
    seconds: float


async def insert_plays(db: Executor, screen_id: int, plays: Sequence[PlayRecord]) -> set[str]:
    """Store new plays, ignoring ids this screen sent before; returns every id now stored.

    An id already stored counts as accepted: the kiosk's earlier upload
    arrived but its answer did not, and the kiosk may now forget it.
    """
    if not plays:
        return set()
    ids = [p.client_id for p in plays]
    status = await db.execute(
        """INSERT INTO plays (screen_id, client_id, item_type, item_id, item_ref, started_at, seconds)
        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::timestamptz[], $7::real[])
        ON CONFLICT (screen_id, client_id) DO NOTHING""",
        screen_id,
        ids,
        [p.item_type for p in plays],
        [p.item_id for p in plays],
        [p.item_ref for p in plays],
        [p.started_at for p in plays],
        [p.seconds for p in plays],
    )
    # "INSERT 0 <rows>": the plays that were new (one sent again is not written twice).
    PLAYS_WRITTEN.inc(int(status.rpartition(" ")[2]))
    rows = await db.fetch(
        "SELECT client_id FROM plays WHERE screen_id = $1 AND client_id = ANY($2::text[])", screen_id, ids
    )
    return {r["client_id"] for r in rows}


@dataclass(frozen=True)
class PlayFilter:
    scope_region_id: int
    screen_id: int | None = None
    item_type: str | None = None
    item_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class PlayTotalRow:
    screen_id: int | None
    item_type: str | None
    item_id: int | None
    item_ref: str | None
    plays: int
    seconds: float


async def play_totals(db: Executor, f: PlayFilter, by_screen: bool, limit: int) -> list[PlayTotalRow]:
    """Counts and seconds per screen or per item, over screens inside the scope only."""
    cond = Conditions()
    cond.add("{} = ANY(r.path)", f.scope_region_id)
    if f.screen_id is not None:
        cond.add("p.screen_id = {}", f.screen_id)
    if f.item_type is not None:
        cond.add("p.item_type = {}", f.item_type)
    if f.item_id is not None:
        cond.add("p.item_id = {}", f.item_id)
    if f.since is not None:
        cond.add("p.started_at >= {}", f.since)
    if f.until is not None:
        cond.add("p.started_at < {}", f.until)
    limit_param = cond.param(limit)
    # Items are grouped by their reference, so that a schedule slide ("events")
    # and ids the API cannot resolve are still counted.
    group = "p.screen_id" if by_screen else "p.item_type, p.item_id, p.item_ref"
    columns = (
        "p.screen_id, NULL::text AS item_type, NULL::bigint AS item_id, NULL::text AS item_ref"
        if by_screen
        else "NULL::bigint AS screen_id, p.item_type, p.item_id, p.item_ref"
    )
    rows = await db.fetch(
        f"""SELECT {columns}, count(*) AS plays, coalesce(sum(p.seconds), 0)::float8 AS seconds
        FROM plays p JOIN screens s ON s.id = p.screen_id JOIN regions r ON r.id = s.community_id
        WHERE {cond.sql} GROUP BY {group} ORDER BY seconds DESC, plays DESC LIMIT {limit_param}""",
        *cond.args,
    )
    return [PlayTotalRow(**{k: r[k] for k in PlayTotalRow.__dataclass_fields__}) for r in rows]
