"""SQL for stored images."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qile_api.db.database import Executor
from qile_api.honours.sql import CONSENTED


@dataclass(frozen=True)
class MediaInfo:
    sha256: str
    content_type: str
    width: int
    height: int


async def media_infos(db: Executor, shas: Sequence[str]) -> list[MediaInfo]:
    rows = await db.fetch(
        "SELECT sha256, content_type, width, height FROM media WHERE sha256 = ANY($1::text[])",
        list(shas),
    )
    return [MediaInfo(r["sha256"], r["content_type"], r["width"], r["height"]) for r in rows]


async def media_content(db: Executor, sha256: str) -> tuple[str, bytes] | None:
    row = await db.fetchrow("SELECT content_type, data FROM media WHERE sha256 = $1", sha256)
    return (row["content_type"], bytes(row["data"])) if row else None


async def store_media(db: Executor, sha256: str, content_type: str, width: int, height: int, data: bytes) -> None:
    """Store once: the same bytes uploaded twice are one row."""
    await db.execute(
        """INSERT INTO media (sha256, content_type, width, height, data)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING""",
        sha256,
        content_type,
        width,
        height,
        data,
    )


async def media_is_public(db: Executor, sha256: str) -> bool:
    """Shown to the public: the photo of a published honour that may be shown."""
    return bool(
        await db.fetchval(
            f"SELECT EXISTS (SELECT 1 FROM honours c WHERE c.photo_sha256 = $1 AND c.status = 'PUBLISHED' "
            f"AND {CONSENTED})",
            sha256,
        )
    )
