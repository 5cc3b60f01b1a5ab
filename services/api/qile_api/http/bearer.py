"""The bearer token a request carries, read one way for GraphQL and plain routes alike."""

from __future__ import annotations

from starlette.requests import Request


def bearer_token(request: Request) -> str | None:
    """The token of `Authorization: Bearer …`; None without one."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None
