"""GraphQL type for an image."""

from __future__ import annotations

import strawberry

from qile_api.graphql.context import Info
from qile_api.media.links import signed_path
from qile_api.media.sql import MediaInfo


def media_url(info: Info, sha256: str) -> str:
    """The plain path for the public and screens; a signed link for staff."""
    if info.context.staff is None:
        return f"/media/{sha256}"
    return signed_path(info.context.app.media_key, sha256, info.context.now())


@strawberry.type(description="An image, served immutable at `url`.")
class Photo:
    sha256: str = strawberry.field(description="The image's SHA-256 in hex: what `photo` inputs take.")
    content_type: str = strawberry.field(description="Its media type, e.g. image/jpeg.")
    width: int = strawberry.field(description="Its width in pixels.")
    height: int = strawberry.field(description="Its height in pixels.")

    @strawberry.field(
        description="Path on this API, e.g. /media/3a7b…. For staff it carries a signature valid for about "
        "15 minutes, so a browser can open an image that is not on public view."
    )
    def url(self, info: Info) -> str:
        return media_url(info, self.sha256)

    @classmethod
    def from_info(cls, m: MediaInfo) -> Photo:
        return cls(sha256=m.sha256, content_type=m.content_type, width=m.width, height=m.height)
