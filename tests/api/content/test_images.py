"""Notices and events carry a poster or a photo: attached through the upload path, reviewed, on screens' feeds."""

from __future__ import annotations

import io
import os
from datetime import datetime, timedelta
from typing import Any

import pytest
from PIL import Image
from strawberry import relay

from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.content.desk import APPROVE, SUBMIT, Desk
from tests.api.media.test_upload import upload
from tests.api.permissions.builders import region

IMAGE = "image { kind poster showsPeople photo { sha256 url width height } consent { givenBy givenAt method } }"
NOTICE = f"notice {{ id version status revisionOf {IMAGE} }} errors {{ code field message }}"
CREATE = f"mutation($input: NoticeCreateInput!) {{ noticeCreate(input: $input) {{ {NOTICE} }} }}"
UPDATE = f"mutation($input: NoticeUpdateInput!) {{ noticeUpdate(input: $input) {{ {NOTICE} }} }}"
EVENT = f"event {{ id version status {IMAGE} }} errors {{ code field message }}"
EVENT_CREATE = f"mutation($input: EventCreateInput!) {{ eventCreate(input: $input) {{ {EVENT} }} }}"
EVENT_SUBMIT = f"mutation($input: ReviewInput!) {{ eventSubmit(input: $input) {{ {EVENT} }} }}"
EVENT_APPROVE = f"mutation($input: ReviewInput!) {{ eventApprove(input: $input) {{ {EVENT} }} }}"
FEED = f"""{{ screenFeed {{
  notices {{ title {IMAGE} }}
  events {{ title {IMAGE} }}
  photos {{ id caption happenedAt image {{ kind poster photo {{ url width height }} }} }}
}} }}"""
CONSENT = {"imageConsentBy": "照片中居民本人", "imageConsentMethod": "现场口头同意"}


def picture(size: tuple[int, int], colour: tuple[int, int, int] = (190, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


async def uploaded(desk: Desk, size: tuple[int, int] = (300, 420), colour: tuple[int, int, int] = (190, 40, 40)) -> str:
    body = await upload(desk.api, desk.editor, "poster.png", picture(size, colour), "image/png")
    assert body["data"]["mediaUpload"]["errors"] == [], body
    return str(body["data"]["mediaUpload"]["photo"]["sha256"])


@pytest.fixture
async def desk(api: Api) -> Desk:
    return await Desk.signed_in(api)


async def notice(desk: Desk, **fields: Any) -> dict[str, Any]:
    values = {
        "scope": await region(desk.api.db, "工盛社区"),
        "category": "SERVICE",
        "title": "邻居节海报",
        "body": "5月18日社区广场，欢迎全家参加。",
        "displayStart": (desk.api.clock.now - timedelta(hours=1)).isoformat(),
        **fields,
    }
    return await desk.call(CREATE, desk.editor, **values)


async def publish(desk: Desk, item: dict[str, Any]) -> dict[str, Any]:
    item = (await desk.step(SUBMIT, desk.editor, item))["notice"]
    published = await desk.step(APPROVE, desk.reviewer, item)
    assert published["errors"] == [], published
    return published["notice"]  # type: ignore[no-any-return]


async def test_a_poster_goes_through_review_onto_the_feed_and_public_view(api: Api, desk: Desk) -> None:
    sha = await uploaded(desk)
    screen = await f.screen(api.db, "工盛社区")
    created = await notice(desk, image=sha, imageKind="POSTER")
    assert created["errors"] == []
    image = created["notice"]["image"]
    assert (image["kind"], image["poster"], image["showsPeople"]) == ("POSTER", True, False)
    assert (image["photo"]["width"], image["photo"]["height"]) == (300, 420)

    # a draft's poster is neither on the feed nor for anyone to fetch
    assert (await api.gql(FEED, token=screen))["data"]["screenFeed"]["notices"] == []
    assert (await api.client.get(f"/media/{sha}")).status_code == 404

    await publish(desk, created["notice"])

    feed = (await api.gql(FEED, token=screen))["data"]["screenFeed"]
    (shown,) = feed["notices"]
    assert shown["image"]["poster"] is True and shown["image"]["consent"] is None
    assert shown["image"]["photo"]["url"] == f"/media/{sha}"
    assert feed["photos"] == []  # posters are the bulletin's, not the gallery's photos
    fetched = await api.client.get(shown["image"]["photo"]["url"])
    assert fetched.status_code == 200 and Image.open(io.BytesIO(fetched.content)).size == (300, 420)


async def test_people_in_a_photo_need_their_consent_and_nothing_is_saved_without(api: Api, desk: Desk) -> None:
    sha = await uploaded(desk)
    refused = await notice(desk, image=sha, imageKind="PHOTO", imagePeople=True)
    assert refused["notice"] is None
    (error,) = refused["errors"]
    assert error["code"] == "CONSENT_REQUIRED" and "同意" in error["message"]
    assert await api.db.fetchval("SELECT count(*) FROM notices WHERE title = '邻居节海报'") == 0

    no_kind = await notice(desk, image=sha)
    assert [(e["code"], e["field"]) for e in no_kind["errors"]] == [("REQUIRED", "imageKind")]
    assert "海报" in no_kind["errors"][0]["message"]

    future = (api.clock.now + timedelta(days=1)).isoformat()
    too_early = await notice(desk, image=sha, imageKind="PHOTO", imagePeople=True, imageConsentAt=future, **CONSENT)
    assert [(e["code"], e["field"]) for e in too_early["errors"]] == [("INVALID", "imageConsentAt")]

    given_at = (api.clock.now - timedelta(days=2)).isoformat()
    saved = await notice(desk, image=sha, imageKind="PHOTO", imagePeople=True, imageConsentAt=given_at, **CONSENT)
    assert saved["errors"] == []
    consent = saved["notice"]["image"]["consent"]  # staff of its scope see the record
    assert (consent["givenBy"], consent["method"]) == ("照片中居民本人", "现场口头同意")
    assert datetime.fromisoformat(consent["givenAt"]) == datetime.fromisoformat(given_at)


async def test_a_changed_image_on_a_published_notice_waits_for_review(api: Api, desk: Desk) -> None:
    old, new = await uploaded(desk), await uploaded(desk, (640, 360), (20, 90, 160))
    screen = await f.screen(api.db, "工盛社区")
    published = await publish(desk, (await notice(desk, image=old, imageKind="POSTER"))["notice"])

    changed = await desk.call(UPDATE, desk.editor, id=published["id"], version=published["version"], image=new)
    revision = changed["notice"]
    assert changed["errors"] == [] and revision["revisionOf"] == published["id"]
    assert revision["image"]["photo"]["sha256"] == new and revision["image"]["kind"] == "POSTER"

    def shown(feed: dict[str, Any]) -> list[str]:
        return [n["image"]["photo"]["sha256"] for n in feed["data"]["screenFeed"]["notices"]]

    # screens keep the approved poster, and the new one is not for the public, until it is approved
    assert shown(await api.gql(FEED, token=screen)) == [old]
    assert (await api.client.get(f"/media/{new}")).status_code == 404
    await publish(desk, revision)
    assert shown(await api.gql(FEED, token=screen)) == [new]

    # removing the image is a change like any other
    current = (
        await api.gql(
            "query($id: ID!) { node(id: $id) { ... on Notice { version } } }",
            {"id": published["id"]},
            token=desk.editor,
        )
    )["data"]["node"]
    removed = await desk.call(UPDATE, desk.editor, id=published["id"], version=current["version"], image=None)
    assert removed["errors"] == [] and removed["notice"]["image"] is None
    assert shown(await api.gql(FEED, token=screen)) == [new]


async def test_a_new_photo_does_not_inherit_the_consent_given_for_the_old(api: Api, desk: Desk) -> None:
    first, second = await uploaded(desk), await uploaded(desk, colour=(30, 160, 60))
    given_at = (api.clock.now - timedelta(hours=2)).isoformat()
    draft = (await notice(desk, image=first, imageKind="PHOTO", imagePeople=True, imageConsentAt=given_at, **CONSENT))[
        "notice"
    ]

    swapped = await desk.call(UPDATE, desk.editor, id=draft["id"], version=draft["version"], image=second)

    assert [e["code"] for e in swapped["errors"]] == ["CONSENT_REQUIRED"]
    row = await api.db.fetchrow("SELECT image_sha256, version FROM notices WHERE id = $1", _pk(draft["id"]))
    assert (row["image_sha256"], row["version"]) == (first, draft["version"])


@pytest.mark.parametrize("kind", ["undecodable", "oversized"])
async def test_a_bad_image_gets_a_chinese_error_and_changes_nothing(api: Api, desk: Desk, kind: str) -> None:
    draft = (await notice(desk))["notice"]
    if kind == "undecodable":
        data = "这是一张海报".encode() * 50
    else:  # over the test app's 300 KiB cap: random pixels do not compress
        out = io.BytesIO()
        Image.frombytes("RGB", (400, 400), os.urandom(400 * 400 * 3)).save(out, format="PNG")
        data = out.getvalue()

    body = await upload(api, desk.editor, "poster.png", data, "image/png")

    (error,) = body["data"]["mediaUpload"]["errors"]
    code = "INVALID_IMAGE" if kind == "undecodable" else "IMAGE_TOO_LARGE"
    assert error["code"] == code and any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])
    # the upload failed, so there is nothing to attach: a made-up hash is refused at the field
    missing = await desk.call(
        UPDATE, desk.editor, id=draft["id"], version=draft["version"], image="0" * 64, imageKind="POSTER"
    )
    assert [(e["code"], e["field"]) for e in missing["errors"]] == [("NOT_FOUND", "image")]
    assert "上传" in missing["errors"][0]["message"]
    row = await api.db.fetchrow("SELECT image_sha256, version FROM notices WHERE id = $1", _pk(draft["id"]))
    assert (row["image_sha256"], row["version"]) == (None, draft["version"])


async def test_galleries_show_event_photos_for_a_month_after(api: Api, desk: Desk) -> None:
    gallery = await f.screen(api.db, "工盛社区", "GALLERY", name="好人长廊")
    bulletin = await f.screen(api.db, "工盛社区")
    photo, poster = await uploaded(desk, (800, 600)), await uploaded(desk, colour=(10, 10, 200))
    now = api.clock.now
    given_at = (now - timedelta(days=12)).isoformat()
    photo_event = await _event(
        desk,
        "邻居节",
        now - timedelta(days=10),
        image=photo,
        imageKind="PHOTO",
        imagePeople=True,
        imageConsentAt=given_at,
        **CONSENT,
    )
    await _event(desk, "读书会", now + timedelta(days=3), image=poster, imageKind="POSTER")

    feed = (await api.gql(FEED, token=gallery))["data"]["screenFeed"]
    (shown,) = feed["photos"]
    assert (shown["id"], shown["caption"]) == (photo_event["id"], "邻居节")
    assert shown["image"]["photo"] == {"url": f"/media/{photo}", "width": 800, "height": 600}
    assert feed["events"] == []
    # the bulletin lists the coming event with its poster, not last week's photo
    listed = (await api.gql(FEED, token=bulletin))["data"]["screenFeed"]["events"]
    assert [(e["title"], e["image"]["poster"]) for e in listed] == [("读书会", True)]

    api.clock.now = now + timedelta(days=21)  # 31 days after the event ended
    assert (await api.gql(FEED, token=gallery))["data"]["screenFeed"]["photos"] == []


async def _event(desk: Desk, title: str, starts: datetime, **image: Any) -> dict[str, Any]:
    values = {
        "scope": await region(desk.api.db, "工盛社区"),
        "category": "NEIGHBOUR_FESTIVAL",
        "title": title,
        "startsAt": starts.isoformat(),
        "endsAt": (starts + timedelta(hours=2)).isoformat(),
        **image,
    }
    created = await desk.call(EVENT_CREATE, desk.editor, **values)
    assert created["errors"] == [], created
    submitted = (await desk.step(EVENT_SUBMIT, desk.editor, created["event"]))["event"]
    approved = await desk.step(EVENT_APPROVE, desk.reviewer, submitted)
    assert approved["errors"] == [], approved
    return approved["event"]  # type: ignore[no-any-return]


def _pk(gid: str) -> int:
    return int(relay.GlobalID.from_id(gid).node_id)
