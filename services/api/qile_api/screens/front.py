"""The screen feed, answered in front of GraphQL when nothing needs executing.

Screens poll all day with one known document (`graphql/persisted.py`).
For such a request this front decides from memory alone whether GraphQL has
anything to do:

1. the screen of the token, and the feed revisions of its path
   (`auth.remembered_screen`: `watch.py`, current within a second);
2. the built feed of its community and kind, still within its window;
3. then the version, and the serialized answer for (document, version,
   whether `since` is that version) (`answers.py`).

With all three it answers without GraphQL and without the database; with
any missing, GraphQL runs as for any request, and its answer is kept for
the next one. The POST form (`{"query": …, "variables": {"since": …}}`)
and GraphQL-over-HTTP's persisted-document GET
(`GET /graphql?documentId=sha256:…&variables=…`) meet the same caches.

The GET answer is an HTTP resource: `ETag` is the feed's version,
`If-None-Match` with it gets `304 Not Modified` and no body, and
`Cache-Control: no-cache` with `Vary: Authorization` lets a cache in front
(nginx) keep it for one token and ask again each time: a poll's freshness is
decided here, never by a cache's clock.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qile_api.graphql.persisted import PersistedDocuments, UnknownDocument
from qile_api.graphql.times import in_city
from qile_api.http.bearer import bearer_from
from qile_api.metrics.instruments import FEED_CACHE_LOOKUPS
from qile_api.observability.requests import note_operation
from qile_api.screens.answers import Answer, AnswerKey, FeedAnswers, answer_of
from qile_api.screens.auth import remembered_screen
from qile_api.screens.feed import FeedCache, screen_version
from qile_api.state import AppState

JSON = b"application/json"
# Stored by any cache, for one Authorization only, and asked again every time.
CACHE_CONTROL = b"no-cache"
VARY = b"Authorization"
# Only these variables leave the answer to the cache; anything else goes to GraphQL.
CACHED_VARIABLES = frozenset({"since"})
# The one operation of the persisted documents (graphql/persisted/ScreenFeed.graphql):
# what an answer from memory is counted as, as GraphQL would have counted it.
OPERATION = "ScreenFeed"


@dataclass(frozen=True)
class FeedRequest:
    document_id: str
    text: str
    variables: dict[str, Any]
    operation_name: str | None
    conditional: bool  # a GET: answered with an ETag, and 304 to If-None-Match

    @property
    def cacheable(self) -> bool:
        return self.variables.keys() <= CACHED_VARIABLES

    def key(self, version: str, unchanged: bool) -> AnswerKey:
        # The operation name too: a wrong one is GraphQL's error to give, never a kept answer.
        return (f"{self.document_id}#{self.operation_name or ''}", version, unchanged)


def etag(version: str) -> bytes:
    return f'"{version}"'.encode()


def matches(if_none_match: str | None, version: str) -> bool:
    """If-None-Match's weak comparison (RFC 9110 §13.1.2): W/"v" and "v" both match version v."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or f'"{version}"' in tags


class FeedFront:
    """An ASGI app in front of the GraphQL app at /graphql."""

    def __init__(self, graphql: Any, documents: PersistedDocuments, timezone: str) -> None:
        self.graphql = graphql
        self.documents = documents
        self.zone = ZoneInfo(timezone)
        self.encode: Callable[[object], str] = graphql.encode_json

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method")
        if method == "GET" and b"documentId=" in scope["query_string"]:
            try:
                request = self._from_query(scope["query_string"])
            except UnknownDocument as exc:
                await self._refuse(send, exc.status, str(exc))
                return
            await self._answer(scope, receive, send, request)
            return
        if method == "POST" and Headers(scope=scope).get("content-type", "").startswith("application/json"):
            body = await _read_body(receive)
            posted = self._from_body(body)
            if posted is not None:
                await self._answer(scope, receive, send, posted)
                return
            receive = _replay(body, receive)
        await self.graphql(scope, receive, send)

    # -- what was asked --------------------------------------------------

    def _from_query(self, query_string: bytes) -> FeedRequest:
        params = parse_qs(query_string.decode("latin-1"), keep_blank_values=True)
        doc_id = params.get("documentId", [""])[0]
        text = self.documents.text(doc_id)
        try:
            variables = json.loads(params["variables"][0]) if "variables" in params else {}
        except ValueError:
            raise UnknownDocument(400, "variables 不是有效的 JSON (variables is not valid JSON)") from None
        if not isinstance(variables, dict):
            raise UnknownDocument(400, "variables 应为 JSON 对象 (variables must be a JSON object)")
        operation = params.get("operationName", [None])[0]
        return FeedRequest(doc_id, text, variables, operation, conditional=True)

    def _from_body(self, body: bytes) -> FeedRequest | None:
        """A POST of a persisted document (its text, or its id); None for anything else."""
        if b"screenFeed" not in body and b"documentId" not in body:
            return None  # not a feed: spare the JSON parse, GraphQL parses it anyway
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        variables = data.get("variables") or {}
        query, doc_id = data.get("query"), data.get("documentId")
        if isinstance(query, str):
            doc_id = self.documents.ids.get(query)
        elif isinstance(doc_id, str):
            query = self.documents.by_id.get(doc_id)
        if doc_id is None or query is None or not isinstance(variables, dict):
            return None
        operation = data.get("operationName")
        return FeedRequest(doc_id, query, variables, operation if isinstance(operation, str) else None, False)

    # -- answering -------------------------------------------------------

    async def _answer(self, scope: Scope, receive: Receive, send: Send, request: FeedRequest) -> None:
        state: AppState = scope["app"].state.qile
        headers = Headers(scope=scope)
        found = self._from_memory(state, headers, request)
        if found is not None:  # the built feed served, as a hit of the feed cache would be
            FEED_CACHE_LOOKUPS.labels("hit").inc()
            note_operation(OPERATION)
        if isinstance(found, str):  # the version, and the client has it
            await _send(send, 304, b"", _http_headers(found))
            return
        if found is not None:
            now = state.clock()
            body = found.render(lambda: in_city(now, self.zone), self.encode)
            await _send(send, 200, body, _http_headers(found.version) if request.conditional else [])
            return
        await self._execute(scope, receive, send, state, headers, request)

    def _from_memory(self, state: AppState, headers: Headers, request: FeedRequest) -> Answer | str | None:
        """The stored answer, the version alone for a 304, or None: GraphQL must run."""
        if not request.cacheable:
            return None
        principal = remembered_screen(state, bearer_from(headers))
        if principal is None:
            return None
        content = state.held(FeedCache).peek(principal, state.clock())
        if content is None:
            return None
        version = screen_version(principal.screen, content.digest)
        if request.conditional and matches(headers.get("if-none-match"), version):
            return version
        return state.held(FeedAnswers).get(request.key(version, request.variables.get("since") == version))

    async def _execute(
        self, scope: Scope, receive: Receive, send: Send, state: AppState, headers: Headers, request: FeedRequest
    ) -> None:
        """Run GraphQL as for a POST of the document; keep a feed answer for next time."""
        body = self.encode(
            {"query": request.text, "variables": request.variables, "operationName": request.operation_name}
        ).encode()
        raw = [(k, v) for k, v in scope["headers"] if k not in (b"content-type", b"content-length")]
        post = {
            **scope,
            "method": "POST",
            "headers": [*raw, (b"content-type", JSON), (b"content-length", str(len(body)).encode())],
        }
        status, response_headers, chunks = await _captured(self.graphql, post, _replay(body, receive))
        answer_body = b"".join(chunks)
        answer = answer_of(answer_body, self.encode) if status == 200 else None
        extra: list[tuple[bytes, bytes]] = []
        if answer is not None:
            if request.cacheable:
                state.held(FeedAnswers).put(request.key(answer.version, answer.unchanged), answer)
            if request.conditional:
                if matches(headers.get("if-none-match"), answer.version):
                    await _send(send, 304, b"", _http_headers(answer.version))
                    return
                extra = _http_headers(answer.version)
        kept = [(k, v) for k, v in response_headers if k != b"content-length"]
        await _send(send, status, answer_body, [*kept, *extra], content_type=None)

    async def _refuse(self, send: Send, status: int, message: str) -> None:
        code = "PERSISTED_DOCUMENT_NOT_FOUND" if status == 404 else "BAD_REQUEST"
        body = self.encode({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()
        await _send(send, status, body, [])


def _http_headers(version: str) -> list[tuple[bytes, bytes]]:
    return [(b"etag", etag(version)), (b"cache-control", CACHE_CONTROL), (b"vary", VARY)]


async def _send(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]], content_type: bytes | None = JSON
) -> None:
    head = list(headers)
    if status != 304:  # a 304 has no body, and no length that would describe another
        head.append((b"content-length", str(len(body)).encode()))
        if content_type is not None:
            head.append((b"content-type", content_type))
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """`receive` giving `body` first, then what the client sends next (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _captured(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[int, list[tuple[bytes, bytes]], list[bytes]]:
    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return int(start.get("status", 500)), list(start.get("headers", [])), chunks
