"""A file to save (the office's reports, import templates), named for every browser and Excel."""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import Response


def attachment(data: bytes, media_type: str, ascii_name: str, name: str) -> Response:
    """`ascii_name` for old clients, the Chinese `name` (RFC 6266 filename*) for the rest; never cached."""
    return Response(
        data,
        media_type=media_type,
        headers={
            "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store",
        },
    )
