"""GET /media/{sha256}: images by content hash, cached forever by clients.

Photos of residents are personal information, and a hash is no secret (it
travels in feeds, logs and payloads). Anyone may fetch the photo of an
honour on public view, and the poster or photo of a published notice or
event. Any other image (a draft's photo or poster, a consent form, a
withdrawn honour, a screenshot, attestation evidence, a fresh upload) goes
only to:

- staff whose scope holds an item using it (`media_used_within`);
- a screen whose current feed shows it (the feed cache answers, so the
  screen sees exactly what its feed rules let it show).

- whoever holds a signed link staff were given (`media/links.py`), until
  it expires.

Everyone else gets the 404 of a missing image: the answer says nothing about
whether the image exists.

It lives in the composition root because deciding who may see an image takes
the honours (public view), the accounts (staff) and the screens (their feed).
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from qile_api.accounts.http import staff_of
from qile_api.honours.sql import photo_on_public_view
from qile_api.media.links import valid_link
from qile_api.media.sql import image_on_public_view, media_content, media_used_within
from qile_api.screens.auth import screen_of
from qile_api.screens.feed import FeedCache
from qile_api.state import AppState

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _not_found() -> Response:
    return JSONResponse({"error": "no such image"}, status_code=404)


async def may_see_private(request: Request, sha256: str) -> bool:
    """The caller's token lets it see an image that is not on public view."""
    state: AppState = request.app.state.qile
    staff = await staff_of(request)
    if staff is not None:
        return await media_used_within(state.db, sha256, staff.scope_region_id)
    screen = await screen_of(request)
    if screen is not None:
        feed = await state.held(FeedCache).get(state.db, screen, state.clock())
        return sha256 in feed.images
    return False


async def media(request: Request) -> Response:
    sha = request.path_params["sha256"]
    if not _SHA256.match(sha):
        return JSONResponse({"error": "not a sha256 hex digest"}, status_code=400)
    state: AppState = request.app.state.qile
    public = await photo_on_public_view(state.db, sha) or await image_on_public_view(state.db, sha)
    link_left = valid_link(
        state.media_key, sha, request.query_params.get("exp"), request.query_params.get("sig"), state.clock()
    )
    if not public and link_left is None and not await may_see_private(request, sha):
        return _not_found()
    etag = f'"{sha}"'
    # Only after the check: a 304 would tell anyone that the image exists.
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    found = await media_content(state.db, sha)
    if found is None:
        return _not_found()
    content_type, data = found
    return Response(
        data,
        media_type=content_type,
        headers={
            # The URL names the bytes, so they can never change under it.
            "Cache-Control": f"private, max-age={link_left}"
            if link_left is not None and not public
            else f"{'public' if public else 'private'}, max-age=31536000, immutable",
            "ETag": etag,
        },
    )
