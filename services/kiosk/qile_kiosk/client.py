"""Talking to the API: the screen feed through gql, images over plain HTTP."""

from __future__ import annotations

import logging
from typing import Any

import httpx
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport

from qile_kiosk.config import KioskConfig
from qile_kiosk.documents import SCREEN_FEED
from qile_kiosk.feed import Feed, FeedError, parse_feed

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = 15.0


class Unauthenticated(Exception):
    """The API refused this screen's token."""


class FeedClient:
    def __init__(self, config: KioskConfig) -> None:
        self.config = config

    def _client(self) -> Client:
        headers = {"Authorization": f"Bearer {self.config.token}"} if self.config.token else {}
        transport = HTTPXAsyncTransport(url=self.config.graphql_url, headers=headers, timeout=REQUEST_TIMEOUT)
        return Client(transport=transport, fetch_schema_from_transport=False, execute_timeout=REQUEST_TIMEOUT)

    async def fetch(self, since: str | None) -> Feed | None:
        """The feed, or None when it has not changed since `since`."""
        request = GraphQLRequest(SCREEN_FEED, variable_values={"since": since})
        try:
            async with self._client() as session:
                result: Any = await session.execute(request)
        except TransportQueryError as exc:
            codes = {
                (err.get("extensions") or {}).get("code")
                for err in (exc.errors or [])
                if isinstance(err, dict)
            }
            if "UNAUTHENTICATED" in codes:
                raise Unauthenticated(str(exc)) from exc
            raise
        if not isinstance(result, dict):
            raise FeedError("response is not an object")
        data = result.get("screenFeed")
        if isinstance(data, dict) and data.get("notModified") is True:
            return None
        return parse_feed(data)

    async def fetch_bytes(self, http: httpx.AsyncClient, path: str) -> bytes:
        response = await http.get(self.config.media_url(path), timeout=REQUEST_TIMEOUT)
        response.raise_for_status()
        return response.content
