"""Who may fetch an image that is not on public view: staff whose scope uses it, screens whose feed shows it."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from qile_api.media.sql import MEDIA_USES, store_media
from qile_api.root import media as routes
from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.media.test_upload import jpeg_with_gps, upload

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
)
SHA = hashlib.sha256(PNG_1X1).hexdigest()


async def fetch(api: Api, token: str | None = None, sha: str = SHA, **headers: str) -> httpx.Response:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await api.client.get(f"/media/{sha}", headers=headers)


async def status(api: Api, token: str | None = None, sha: str = SHA) -> int:
    return (await fetch(api, token, sha)).status_code


async def draft_honour_photo(api: Api, community: str = "工盛社区") -> int:
    """A photo on a draft honour of `community` (张店区 · 车站街道 for 工盛社区)."""
    await store_media(api.db, SHA, "image/png", 1, 1, PNG_1X1)
    honour = await f.honour(api.db, community, "王秀兰", status="DRAFT")
    await api.db.execute("UPDATE honours SET photo_sha256 = $1 WHERE id = $2", SHA, honour)
    return honour


async def test_a_draft_photo_is_for_staff_whose_scope_holds_the_honour(api: Api) -> None:
    await draft_honour_photo(api)
    own = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    district = await staff.staff(api.db, "zhangdian", "REVIEWER", "张店区")
    city = await staff.staff(api.db, "city", "ADMIN", "淄博市")
    other_district = await staff.staff(api.db, "shanshuiyuan", "EDITOR", "山水缘社区")  # 淄川区
    other_district_admin = await staff.staff(api.db, "zichuan", "ADMIN", "淄川区")
    neighbour = await staff.staff(api.db, "chengnan", "EDITOR", "城南社区")  # same subdistrict, other community

    served = await fetch(api, own)
    assert served.status_code == 200 and served.content == PNG_1X1
    assert served.headers["cache-control"].startswith("private")
    assert [await status(api, t) for t in (district, city)] == [200, 200]
    assert [await status(api, t) for t in (other_district, other_district_admin, neighbour, None)] == [404] * 4


async def test_a_draft_photo_is_not_served_to_any_screen(api: Api) -> None:
    await draft_honour_photo(api)
    elsewhere = await f.screen(api.db, "山水缘社区", "GALLERY")  # 淄川区
    own_gallery = await f.screen(api.db, "工盛社区", "GALLERY", name="好人长廊")

    # Not in any feed until it is approved, not even its own community's.
    assert await status(api, elsewhere) == 404
    assert await status(api, own_gallery) == 404


async def test_a_refusal_looks_like_a_missing_image(api: Api) -> None:
    await draft_honour_photo(api)
    outsider = await staff.staff(api.db, "shanshuiyuan", "EDITOR", "山水缘社区")

    refused = await fetch(api, outsider)
    missing = await fetch(api, outsider, sha="0" * 64)
    revalidated = await fetch(api, outsider, **{"If-None-Match": f'"{SHA}"'})

    assert (refused.status_code, refused.content) == (missing.status_code, missing.content)
    assert refused.status_code == 404
    assert revalidated.status_code == 404  # not 304: that would confirm the image exists


async def test_once_published_the_photo_is_public_and_shown_by_galleries_of_its_path(api: Api) -> None:
    honour = await draft_honour_photo(api)
    await api.db.execute("UPDATE honours SET status = 'PUBLISHED', published_at = now() WHERE id = $1", honour)
    gallery = await f.screen(api.db, "工盛社区", "GALLERY")

    anonymous = await fetch(api)
    assert anonymous.status_code == 200 and anonymous.headers["cache-control"].startswith("public")
    assert await status(api, gallery) == 200


async def test_a_screen_is_served_what_its_feed_shows_by_its_own_rule(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every photo a feed shows is on public view today; this pins the screens'
    # own rule, should the public one ever narrow.
    async def nothing_public(*_: object) -> bool:
        return False

    monkeypatch.setattr(routes, "photo_on_public_view", nothing_public)
    honour = await f.honour(api.db, "车站街道", "李大爷")  # published, consented, on the subdistrict
    await store_media(api.db, SHA, "image/png", 1, 1, PNG_1X1)
    await api.db.execute("UPDATE honours SET photo_sha256 = $1 WHERE id = $2", SHA, honour)
    below = await f.screen(api.db, "工盛社区", "GALLERY")
    bulletin = await f.screen(api.db, "工盛社区", "BULLETIN", name="公告屏")  # shows no honours
    elsewhere = await f.screen(api.db, "山水缘社区", "GALLERY")

    assert [await status(api, t) for t in (below, bulletin, elsewhere, None)] == [200, 404, 404, 404]

    # consent withdrawn: off the feed at once, and so off the screen
    await api.db.execute("UPDATE honours SET consent_withdrawn_at = now() WHERE id = $1", honour)
    assert await status(api, below) == 404


async def test_a_consent_form_never_leaves_the_staff_of_its_scope(api: Api) -> None:
    honour = await f.honour(api.db, "工盛社区", "王秀兰")  # published: its own photo would be public
    await store_media(api.db, SHA, "image/png", 1, 1, PNG_1X1)
    await api.db.execute("UPDATE honours SET consent_form_sha256 = $1 WHERE id = $2", SHA, honour)
    own = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    outsider = await staff.staff(api.db, "shanshuiyuan", "EDITOR", "山水缘社区")
    gallery = await f.screen(api.db, "工盛社区", "GALLERY")

    assert [await status(api, t) for t in (own, outsider, gallery, None)] == [200, 404, 404, 404]


async def test_attestation_evidence_and_screenshots_follow_their_community(api: Api) -> None:
    await store_media(api.db, SHA, "image/png", 1, 1, PNG_1X1)
    other = hashlib.sha256(b"screenshot").hexdigest()
    await store_media(api.db, other, "image/png", 1, 1, PNG_1X1)
    await api.db.execute(
        """INSERT INTO attestations (community_id, year, criterion_key, met, attested_by_name, photo_sha256)
        SELECT $1, 2026, key, true, '审核员', $2 FROM assessment_criteria WHERE rule = 'attested' LIMIT 1""",
        await f.region_id(api.db, "工盛社区"),
        SHA,
    )
    screen = await f.screen(api.db, "工盛社区", "BULLETIN")
    await api.db.execute(
        "INSERT INTO screen_screenshots (screen_id, taken_at, media_sha256) SELECT id, now(), $1 FROM screens",
        other,
    )
    own = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    outsider = await staff.staff(api.db, "zichuan", "ADMIN", "淄川区")

    assert [await status(api, t, SHA) for t in (own, outsider, screen)] == [200, 404, 404]
    assert [await status(api, t, other) for t in (own, outsider, screen)] == [200, 404, 404]


async def test_a_fresh_upload_is_for_the_uploaders_scope_until_an_item_uses_it(api: Api) -> None:
    uploader = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    colleague = await staff.staff(api.db, "gongsheng2", "EDITOR", "工盛社区")
    district = await staff.staff(api.db, "zhangdian", "REVIEWER", "张店区")
    outsider = await staff.staff(api.db, "shanshuiyuan", "EDITOR", "山水缘社区")

    body = await upload(api, uploader, "wang.jpg", jpeg_with_gps(), "image/jpeg")
    sha = body["data"]["mediaUpload"]["photo"]["sha256"]

    assert [await status(api, t, sha) for t in (uploader, colleague, district)] == [200, 200, 200]
    assert [await status(api, t, sha) for t in (outsider, None)] == [404, 404]


async def test_every_column_that_references_an_image_has_an_access_rule(api: Api) -> None:
    # A new kind of image (a column referencing media) must say whose it is.
    rows = await api.db.fetch(
        """SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'media'::regclass"""
    )
    assert {(r["tbl"], r["col"]) for r in rows} == {(table, column) for table, column, _ in MEDIA_USES}
