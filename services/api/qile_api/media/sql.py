"""SQL for stored images."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from qile_api.db.database import Executor
from qile_api.problems import ErrorCode, Problem, problem


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


async def media_exists(db: Executor, sha256: str | None, field: str = "photo") -> list[Problem]:
    """A photo named by its sha256 (None names none) must have been uploaded first."""
    if sha256 is not None and not await db.fetchval("SELECT true FROM media WHERE sha256 = $1", sha256):
        return [problem(ErrorCode.NOT_FOUND, "照片不存在，请先上传", field)]
    return []


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


# Every column that references an image, with the region its row belongs to.
# A photo off public view is for staff whose scope holds one of these rows;
# tests/api/media/test_access.py checks this list against the database's
# foreign keys, so a new kind of image cannot arrive without an owner.
MEDIA_USES: tuple[tuple[str, str, str], ...] = (
    ("honours", "photo_sha256", "SELECT region_id FROM honours WHERE photo_sha256 = $1"),
    ("honours", "consent_form_sha256", "SELECT region_id FROM honours WHERE consent_form_sha256 = $1"),
    ("notices", "image_sha256", "SELECT region_id FROM notices WHERE image_sha256 = $1"),
    ("events", "image_sha256", "SELECT region_id FROM events WHERE image_sha256 = $1"),
    ("attestations", "photo_sha256", "SELECT community_id FROM attestations WHERE photo_sha256 = $1"),
    (
        "screen_screenshots",
        "media_sha256",
        "SELECT s.community_id FROM screen_screenshots x JOIN screens s ON s.id = x.screen_id "
        "WHERE x.media_sha256 = $1",
    ),
)
# A photo just uploaded belongs to nothing yet: it is for the scope of the
# account that uploaded it, who previews it before attaching it. Every branch
# is an index lookup (migration 0008), a made-up hash included.
_UPLOADED = (
    "SELECT region_id FROM audit_log WHERE action = 'mediaUpload' AND object_type = 'Media' AND after ->> 'sha256' = $1"
)
_USERS = " UNION ALL ".join([*(select for _, _, select in MEDIA_USES), _UPLOADED])


async def media_used_within(db: Executor, sha256: str, scope_region_id: int) -> bool:
    """An item inside the scope (or below it) uses the image, in any status, or it was uploaded from there."""
    return bool(
        await db.fetchval(
            f"""SELECT EXISTS (
                SELECT 1 FROM ({_USERS}) u (region_id) JOIN regions r ON r.id = u.region_id
                WHERE $2 = ANY(r.path))""",
            sha256,
            scope_region_id,
        )
    )


async def image_on_public_view(db: Executor, sha256: str) -> bool:
    """The image is the poster or photo of a published notice or event: anyone may fetch it.

    Publishing needs what saving it needed: the consent of the people it shows.
    """
    return bool(
        await db.fetchval(
            """SELECT EXISTS (SELECT 1 FROM notices WHERE image_sha256 = $1 AND status = 'PUBLISHED')
                OR EXISTS (SELECT 1 FROM events WHERE image_sha256 = $1 AND status = 'PUBLISHED')""",
            sha256,
        )
    )


async def media_link_key(db: Executor, configured: str | None) -> bytes:
    """The key for signed image links: configured, else one stored for every process to share."""
    if configured:
        return configured.encode()
    if not await db.fetchval("SELECT to_regclass('app_secrets') IS NOT NULL"):
        # Migrations not applied yet (the API is not ready): links made now
        # work in this process only, and nothing is served before /readyz anyway.
        return secrets.token_bytes(32)
    await db.execute(
        "INSERT INTO app_secrets (name, value) VALUES ('media_links', $1) ON CONFLICT (name) DO NOTHING",
        secrets.token_bytes(32),
    )
    return bytes(await db.fetchval("SELECT value FROM app_secrets WHERE name = 'media_links'"))
