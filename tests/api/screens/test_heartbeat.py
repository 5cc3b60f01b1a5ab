"""Heartbeats: no write per poll, one batched upsert per flush; online, report, screenshots."""

from __future__ import annotations

import io
import json
from datetime import timedelta

from PIL import Image

from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.screens.conftest import data, runtime, screen_gid, sign_in

BEAT = """
mutation($input: ScreenHeartbeatInput!) { screenHeartbeat(input: $input) { screenshotRequested errors { code } } }
"""
SCREEN = """
query($id: ID!) {
  node(id: $id) {
    ... on Screen {
      lastSeenAt online
      report { at contentVersion mode uptimeSeconds lastError }
      screenshot { requestedAt takenAt url pending }
    }
  }
}
"""
REQUEST = """
mutation($id: ID!) {
  screenScreenshotRequest(input: {id: $id}) { screenshot { requestedAt pending } errors { code } }
}
"""
UPLOAD = (
    "mutation($file: Upload!) { screenScreenshotUpload(file: $file) { screenshot { url takenAt } errors { code } } }"
)


async def beat(api: Api, token: str, version: str = "v1", error: str | None = None) -> bool:
    variables = {"input": {"contentVersion": version, "mode": "showing", "uptimeSeconds": 42, "lastError": error}}
    return bool(data(await api.gql(BEAT, variables, token=token), "screenHeartbeat")["screenshotRequested"])


async def new_screen(api: Api, name: str = "大厅屏") -> tuple[str, str]:
    token = await f.screen(api.db, "工盛社区", name=name)
    screen_id = await api.db.fetchval("SELECT id FROM screens WHERE name = $1", name)
    return token, screen_gid(int(screen_id))


async def test_heartbeats_cost_no_write_until_one_batched_flush(api: Api) -> None:
    tokens = [await f.screen(api.db, "工盛社区", name=f"屏{i}") for i in range(20)]
    before = api.queries
    for token in tokens:
        assert await beat(api, token) is False
    # Each heartbeat is the token lookup alone.
    assert api.queries - before == len(tokens)
    assert await api.db.fetchval("SELECT count(*) FROM screen_heartbeats") == 0
    before = api.queries
    assert await runtime(api).flush(api.db) == 20
    assert api.queries - before == 2  # the upsert and the screenshot-request refresh
    assert await api.db.fetchval("SELECT count(*) FROM screen_heartbeats") == 20
    assert await runtime(api).flush(api.db) == 0


async def test_staff_see_last_seen_online_and_the_report(api: Api) -> None:
    token, gid = await new_screen(api)
    admin = await sign_in(api)
    never = data(await api.gql(SCREEN, {"id": gid}, token=admin), "node")
    assert never["lastSeenAt"] is None and never["online"] is False and never["report"] is None

    await beat(api, token, "abc123", error="ConnectError: timed out")
    # Seen at once, before any flush: this process merges what it holds.
    seen = data(await api.gql(SCREEN, {"id": gid}, token=admin), "node")
    assert seen["online"] is True
    assert seen["report"] == {
        "at": seen["lastSeenAt"],
        "contentVersion": "abc123",
        "mode": "showing",
        "uptimeSeconds": 42,
        "lastError": "ConnectError: timed out",
    }
    await runtime(api).flush(api.db)
    runtime(api).pending.clear()
    stored = data(await api.gql(SCREEN, {"id": gid}, token=admin), "node")
    assert stored["lastSeenAt"] == seen["lastSeenAt"] and stored["online"] is True

    api.clock.now += timedelta(seconds=api.state.settings.screen_online_seconds + 1)
    gone = data(await api.gql(SCREEN, {"id": gid}, token=admin), "node")
    assert gone["online"] is False and gone["lastSeenAt"] == seen["lastSeenAt"]


async def test_a_late_flush_never_overwrites_a_newer_report(api: Api) -> None:
    token, _ = await new_screen(api)
    await beat(api, token, "new")
    await runtime(api).flush(api.db)
    newer = await api.db.fetchval("SELECT seen_at FROM screen_heartbeats")
    api.clock.now -= timedelta(seconds=5)  # another process flushing an older report
    await beat(api, token, "old")
    await runtime(api).flush(api.db)
    row = await api.db.fetchrow("SELECT seen_at, content_version FROM screen_heartbeats")
    assert row is not None and row["seen_at"] == newer and row["content_version"] == "new"


def png(width: int = 1920, height: int = 1080) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 30, 40)).save(out, format="PNG")
    return out.getvalue()


async def upload(api: Api, token: str, content: bytes) -> dict:  # type: ignore[type-arg]
    response = await api.client.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": {"file": None}}),
            "map": json.dumps({"0": ["variables.file"]}),
        },
        files={"0": ("screen.png", content, "image/png")},
        headers={"Authorization": f"Bearer {token}", "X-Qile-Client": "tests"},
    )
    return dict(data(response.json(), "screenScreenshotUpload"))


async def test_screenshot_on_request_downscaled_and_served(api: Api) -> None:
    token, gid = await new_screen(api)
    unasked = await upload(api, token, png())
    assert [e["code"] for e in unasked["errors"]] == ["INVALID_TRANSITION"]

    admin = await sign_in(api)
    requested = data(await api.gql(REQUEST, {"id": gid}, token=admin), "screenScreenshotRequest")
    assert requested["screenshot"]["pending"] is True
    assert await beat(api, token) is True
    # Other processes learn of the request at their next flush.
    runtime(api).screenshot_wanted.clear()
    await runtime(api).flush(api.db)
    assert await beat(api, token) is True

    sent = await upload(api, token, png())
    assert sent["errors"] == [] and sent["screenshot"]["url"].startswith("/media/")
    assert await beat(api, token) is False
    shot = data(await api.gql(SCREEN, {"id": gid}, token=admin), "node")["screenshot"]
    # Staff get the same image as a signed link a browser opens without a token.
    assert shot["pending"] is False and shot["url"].split("?")[0] == sent["screenshot"]["url"]
    image = await api.client.get(shot["url"])
    assert image.status_code == 200
    assert max(Image.open(io.BytesIO(image.content)).size) == api.state.settings.screenshot_side

    garbage = data(await api.gql(REQUEST, {"id": gid}, token=admin), "screenScreenshotRequest")
    assert garbage["errors"] == []
    assert [e["code"] for e in (await upload(api, token, b"not a png"))["errors"]] == ["INVALID_IMAGE"]


async def test_screenshot_request_is_for_admins_of_the_screens_scope(api: Api) -> None:
    _, gid = await new_screen(api)
    for role, scope in (("EDITOR", "淄博市"), ("ADMIN", "博山区")):
        refused = await api.gql(REQUEST, {"id": gid}, token=await sign_in(api, role, scope))
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await api.gql(BEAT, {"input": {}}, token="qs_nobody"))["errors"][0]["extensions"][
        "code"
    ] == "UNAUTHENTICATED"
