"""The limit of the stack: a screen's feed over Starlette and asyncpg, with no GraphQL.

Written only for the benchmark. It does what Qile's `screenFeed` does below
GraphQL (the same token lookup, the same feed SQL and feed cache, the same
version) and answers the same JSON shape, so that the ratio of Qile to this
is the price of the GraphQL layer and nothing else.

Run: `python -m tests.bench.limit DSN PORT` (one process, one event loop).
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from qile_api.db.database import Database
from qile_api.screens.feed import FeedCache, feed_version
from qile_api.screens.sql import screen_by_token_hash
from qile_api.tokens import hash_token


def _plain(value: object) -> Any:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def create_limit_app(dsn: str) -> Starlette:
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        state["db"] = await Database.connect(dsn, min_size=2, max_size=10)
        state["cache"] = FeedCache(10_000, timedelta(days=14))
        yield
        await state["db"].close()

    async def feed(request: Request) -> Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        # GET: the kiosk's conditional poll (If-None-Match = the version it has).
        since = (await request.json()).get("variables", {}).get("since") if request.method == "POST" else None
        db: Database = state["db"]
        principal = await screen_by_token_hash(db, hash_token(token))
        if principal is None:
            return Response('{"errors":[{"message":"unauthenticated"}]}', 401, media_type="application/json")
        now = datetime.now(UTC)
        content = await state["cache"].get(db, principal, now)
        version = feed_version(principal, content)
        if request.headers.get("if-none-match") == f'"{version}"':
            return Response(status_code=304, headers={"ETag": f'"{version}"'})
        unchanged = since == version
        body = {
            "version": version,
            "notModified": unchanged,
            "generatedAt": now.isoformat(),
            "screen": {"name": principal.screen.name, "kind": principal.screen.kind},
            "notices": [] if unchanged else [asdict(n) for n in content.notices],
            "honours": [] if unchanged else [asdict(h) for h in content.honours],
            "events": [] if unchanged else [asdict(e) for e in content.events],
        }
        payload = json.dumps({"data": {"screenFeed": body}}, default=_plain, ensure_ascii=False)
        return Response(payload, media_type="application/json")

    return Starlette(routes=[Route("/graphql", feed, methods=["GET", "POST"])], lifespan=lifespan)


def main(argv: list[str]) -> int:
    dsn, port = argv[0], int(argv[1])
    uvicorn.run(create_limit_app(dsn), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
