"""GET /media/{sha256}: images by content hash, cached forever by clients.

Photos of residents are personal information: anyone may fetch the photo of
an honour that is on public view; anything else (drafts, withdrawn consent,
screenshots, attestation evidence) only staff and screens, with their token.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from qile_api.accounts.http import is_staff_or_screen
from qile_api.media.sql import media_content, media_is_public
from qile_api.state import AppState

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


async def media(request: Request) -> Response:
    sha = request.path_params["sha256"]
    if not _SHA256.match(sha):
        return JSONResponse({"error": "not a sha256 hex digest"}, status_code=400)
    etag = f'"{sha}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    state: AppState = request.app.state.qile
    public = await media_is_public(state.db, sha)
    if not public and not await is_staff_or_screen(request):
        # The same answer as for a missing image: a hash reveals nothing.
        return JSONResponse({"error": "no such image"}, status_code=404)
    found = await media_content(state.db, sha)
    if found is None:
        return JSONResponse({"error": "no such image"}, status_code=404)
    content_type, data = found
    return Response(
        data,
        media_type=content_type,
        headers={
            # The URL names the bytes, so they can never change under it.
            "Cache-Control": f"{'public' if public else 'private'}, max-age=31536000, immutable",
            "ETag": etag,
        },
    )
