"""The bearer token a request carries, read one way for GraphQL, plain routes and the feed's front alike."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request


def bearer_from(headers: Mapping[str, str]) -> str | None:
    """The token of an `Authorization: Bearer …` header; None without one."""
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def bearer_token(request: Request) -> str | None:
    """The token of the request's `Authorization: Bearer …`; None without one."""
    return bearer_from(request.headers)
