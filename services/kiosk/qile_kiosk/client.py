"""Talking to the API: the screen feed through gql, images over plain HTTP.

Besides the feed: pairing (before there is a token), the heartbeat, proof of
play and the screenshot upload (a multipart POST, which gql's transports do
not all speak, so it goes through httpx directly).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, NoReturn

import httpx
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport

from qile_kiosk.clock import sane_server_time
from qile_kiosk.config import KioskConfig
from qile_kiosk.documents import (
    HEARTBEAT,
    PAIRING_REDEEM,
    PAIRING_START,
    PAIRING_START_LEGACY,
    PLAYS_RECORD,
    SCREEN_FEED,
    SCREENSHOT_UPLOAD,
)
from qile_kiosk.feed import Feed, FeedError, parse_feed, web_address
from qile_kiosk.plays import Play

log = logging.getLogger(__name__)


def _kiosk_version() -> str:
    try:
        return version("qile-kiosk")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "dev"


# On every request: the API refuses multipart POSTs (the screenshot upload)
# without it, as a browser cannot add it cross-site without asking first; and
# it tells staff reading logs which client and version spoke.
CLIENT_HEADERS = {"X-Qile-Client": f"kiosk/{_kiosk_version()}"}


# GraphQL over HTTP's persisted document id: the API knows the same text by it.
SCREEN_FEED_ID = "sha256:" + hashlib.sha256(SCREEN_FEED.encode()).hexdigest()


class Unauthenticated(Exception):
    """The API refused this screen's token."""


@dataclass(frozen=True)
class PairingCode:
    code: str
    secret: str
    expires_at: datetime | None
    # The console page that claims the code, the code filled in (the API's); None from an older API.
    claim_url: str | None = None


@dataclass(frozen=True)
class ScreenStatus:
    """What the heartbeat reports; set by the drawing loop, read by the poller."""

    content_version: str | None = None
    mode: str | None = None
    last_error: str | None = None


def _field(result: Any, name: str) -> dict[str, Any]:
    data = result.get(name) if isinstance(result, dict) else None
    if not isinstance(data, dict):
        raise FeedError(f"{name}: unexpected answer")
    return data


class FeedClient:
    def __init__(self, config: KioskConfig) -> None:
        self.config = config

    def _authorization(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.config.token}"} if self.config.token else {}

    def _client(self) -> Client:
        headers = {**CLIENT_HEADERS, **self._authorization()}
        timeout = self.config.request_timeout
        transport = HTTPXAsyncTransport(url=self.config.graphql_url, headers=headers, timeout=timeout)
        return Client(transport=transport, fetch_schema_from_transport=False, execute_timeout=timeout)

    async def _execute(self, document: str, variables: dict[str, Any] | None = None) -> Any:
        request = GraphQLRequest(document, variable_values=variables or {})
        try:
            async with self._client() as session:
                return await session.execute(request)
        except TransportQueryError as exc:
            self._raise_for(exc)

    @staticmethod
    def _raise_for(exc: TransportQueryError) -> NoReturn:
        codes = {(err.get("extensions") or {}).get("code") for err in (exc.errors or []) if isinstance(err, dict)}
        if "UNAUTHENTICATED" in codes:
            raise Unauthenticated(str(exc)) from exc
        raise exc

    server_time: datetime | None = None

    async def fetch(self, since: str | None, http: httpx.AsyncClient | None = None) -> Feed | None:
        """The feed, or None when it has not changed since `since` (version `since` is the ETag).

        A GET of the persisted document (GraphQL over HTTP), conditional on
        the version shown: unchanged, the API answers 304 with no body, from
        memory. An API that does not know the document (400, 404: older than
        the kiosk) is asked by POST instead. `http` is the poller's client, kept
        for its life: a client per poll built a TLS context every time, and a
        kiosk's memory grew with them over a day.
        """
        headers = {**CLIENT_HEADERS, **self._authorization(), "Accept": "application/json"}
        if since:
            headers["If-None-Match"] = f'"{since}"'
        async with contextlib.AsyncExitStack() as stack:
            if http is None:
                http = await stack.enter_async_context(httpx.AsyncClient())
            response = await http.get(
                self.config.graphql_url,
                params={"documentId": SCREEN_FEED_ID},
                headers=headers,
                timeout=self.config.request_timeout,
            )
        if response.status_code == 304:
            self.server_time = _date_header(response)
            return None
        if response.status_code in (400, 404):
            return await self._fetch_by_post(since)
        response.raise_for_status()
        try:
            body = response.json()
        except ValueError as exc:
            raise FeedError("response is not JSON") from exc
        errors = body.get("errors") if isinstance(body, dict) else None
        if errors:
            self._raise_for(TransportQueryError(str(errors[0]), errors=errors))
        return self._feed(body.get("data") if isinstance(body, dict) else None)

    async def _fetch_by_post(self, since: str | None) -> Feed | None:
        return self._feed(await self._execute(SCREEN_FEED, {"since": since}))

    def _feed(self, result: object) -> Feed | None:
        if not isinstance(result, dict):
            raise FeedError("response is not an object")
        data = result.get("screenFeed")
        self.server_time = _server_time(data)
        if isinstance(data, dict) and data.get("notModified") is True:
            return None
        return parse_feed(data)

    async def fetch_bytes(self, http: httpx.AsyncClient, path: str) -> bytes:
        url = self.config.media_url(path)
        # A photo off public view is served to a screen whose feed shows it, on its
        # token; the token goes to our API, never to another host an absolute URL names.
        ours = httpx.URL(url).netloc == httpx.URL(self.config.api_url).netloc
        headers = {**CLIENT_HEADERS, **(self._authorization() if ours else {})}
        response = await http.get(url, headers=headers, timeout=self.config.request_timeout)
        response.raise_for_status()
        return response.content

    async def pairing_start(self) -> PairingCode | None:
        """A code to show; None when the API refuses for now (e.g. too many requests)."""
        try:
            result = await self._execute(PAIRING_START)
        except TransportQueryError as exc:
            # An API older than `claimUrl` refuses the document that asks for it.
            if "claimUrl" not in str(exc.errors):
                raise
            log.info("the API does not give claimUrl: the console page is made from the API's address")
            result = await self._execute(PAIRING_START_LEGACY)
        data = _field(result, "screenPairingStart")
        code, secret = data.get("code"), data.get("secret")
        if not isinstance(code, str) or not isinstance(secret, str):
            log.warning("no pairing code: %s", data.get("errors"))
            return None
        expires = data.get("expiresAt")
        return PairingCode(
            code,
            secret,
            datetime.fromisoformat(expires) if isinstance(expires, str) else None,
            web_address(data, "claimUrl", "screenPairingStart"),
        )

    async def pairing_redeem(self, pairing: PairingCode) -> tuple[str, str | None]:
        """(status, token): PENDING, CLAIMED with the token (sent once), or EXPIRED."""
        data = _field(
            await self._execute(PAIRING_REDEEM, {"code": pairing.code, "secret": pairing.secret}),
            "screenPairingRedeem",
        )
        token = data.get("token")
        return str(data.get("status")), token if isinstance(token, str) and token else None

    async def heartbeat(self, status: ScreenStatus, uptime_seconds: int) -> bool:
        """Report; True when staff asked for a screenshot."""
        variables = {
            "input": {
                "contentVersion": status.content_version,
                "mode": status.mode,
                "uptimeSeconds": uptime_seconds,
                "lastError": status.last_error,
            }
        }
        return _field(await self._execute(HEARTBEAT, variables), "screenHeartbeat").get("screenshotRequested") is True

    async def record_plays(self, plays: list[Play]) -> list[str]:
        """Upload plays; returns the ids the API has (or will never take): safe to forget."""
        variables = {
            "plays": [{"id": p.id, "item": p.item_id, "startedAt": p.started_at, "seconds": p.seconds} for p in plays]
        }
        data = _field(await self._execute(PLAYS_RECORD, variables), "screenPlaysRecord")
        done = [*(data.get("accepted") or []), *(data.get("discarded") or [])]
        return [i for i in done if isinstance(i, str)]

    async def upload_screenshot(self, http: httpx.AsyncClient, png: bytes) -> bool:
        operations = {"query": SCREENSHOT_UPLOAD, "variables": {"file": None}}
        response = await http.post(
            self.config.graphql_url,
            data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
            files={"0": ("screen.png", png, "image/png")},
            headers={**CLIENT_HEADERS, **self._authorization()},
            timeout=self.config.request_timeout,
        )
        response.raise_for_status()
        body = response.json()
        data = _field(body.get("data") if isinstance(body, dict) else None, "screenScreenshotUpload")
        if data.get("errors"):
            log.warning("screenshot refused: %s", data["errors"])
        return not data.get("errors")


def _date_header(response: httpx.Response) -> datetime | None:
    """The server's time from a 304's `Date` (to the second: well within the clock's tolerance)."""
    try:
        parsed = parsedate_to_datetime(response.headers.get("date", ""))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if sane_server_time(parsed) else None


def _server_time(data: object) -> datetime | None:
    """The API's `generatedAt`, when the response has a usable (plausible) one."""
    value = data.get("generatedAt") if isinstance(data, dict) else None
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except (ValueError, OverflowError):
        return None
    return parsed if parsed is not None and sane_server_time(parsed) else None
