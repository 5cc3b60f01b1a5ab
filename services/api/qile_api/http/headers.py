"""Headers every response carries, whichever part of the app (or its error handling) answers."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class NoSniff:
    """`X-Content-Type-Options: nosniff` on every HTTP response.

    Browsers otherwise guess a type from the bytes: an uploaded file served
    as an image, or an error page served as text, could be run as HTML or
    script. Pure ASGI, so it also covers the 500 that Starlette's outermost
    error handler writes when it wraps that handler.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
            await send(message)

        await self.app(scope, receive, send_with_header)
