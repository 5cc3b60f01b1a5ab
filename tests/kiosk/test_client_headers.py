"""Every request the kiosk makes says which client it is (the API refuses multipart POSTs without it)."""

from __future__ import annotations

import asyncio
import http.server
import json
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from qile_kiosk.client import FeedClient, PairingCode, ScreenStatus
from qile_kiosk.config import KioskConfig
from qile_kiosk.plays import Play
from tests.kiosk.fake_http import reply, serving

# One answer that satisfies every operation the kiosk sends.
ANSWER = {
    "data": {
        "screenFeed": {"notModified": True, "version": "v1"},
        "screenPairingStart": {"code": "7K4Q2M", "secret": "s", "expiresAt": None, "errors": []},
        "screenPairingRedeem": {"status": "PENDING", "token": None, "errors": []},
        "screenHeartbeat": {"screenshotRequested": False},
        "screenPlaysRecord": {"accepted": ["p1"], "discarded": []},
        "screenScreenshotUpload": {"errors": []},
    }
}


class Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str, str | None]]] = []

    def _record(self) -> None:
        kind = (self.headers.get("Content-Type") or "").split(";")[0]
        Recorder.seen.append((self.command, kind, self.headers.get("X-Qile-Client")))

    def do_GET(self) -> None:
        self._record()
        if self.path.startswith("/graphql?"):  # the feed, by its persisted document's id
            reply(self, 200, json.dumps(ANSWER).encode(), "application/json")
        else:
            reply(self, 200, b"\xff\xd8photo", "image/jpeg")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._record()
        reply(self, 200, json.dumps(ANSWER).encode(), "application/json")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    Recorder.seen = []
    with serving(Recorder) as url:
        yield url


def test_every_kind_of_request_carries_the_client_header(recorder: str, tmp_path: Path) -> None:
    client = FeedClient(KioskConfig(api_url=recorder, token="qs_screen", cache_dir=tmp_path))

    async def everything() -> None:
        await client.fetch(None)
        await client.pairing_start()
        await client.pairing_redeem(PairingCode("7K4Q2M", "s", None))
        await client.heartbeat(ScreenStatus(), 5)
        await client.record_plays([Play("p1", "Tm90aWNlOjE=", "2026-11-28T10:00:00+08:00", 12.0)])
        async with httpx.AsyncClient() as http:
            assert await client.fetch_bytes(http, "/media/" + "a" * 64) == b"\xff\xd8photo"
            assert await client.upload_screenshot(http, b"\x89PNG")

    asyncio.run(everything())

    expected = f"kiosk/{version('qile-kiosk')}"
    assert len(Recorder.seen) == 7
    assert {header for _, _, header in Recorder.seen} == {expected}
    # the screenshot went as multipart, the one kind of POST the API checks the header on
    assert ("POST", "multipart/form-data", expected) in Recorder.seen
