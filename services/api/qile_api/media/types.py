"""GraphQL type for an image."""

from __future__ import annotations

import strawberry

from qile_api.media.sql import MediaInfo


@strawberry.type(description="An image, served immutable at `url`.")
class Photo:
    sha256: str
    content_type: str
    width: int
    height: int

    @strawberry.field(description="Path on this API, e.g. /media/3a7b…; never changes for the same bytes.")
    def url(self) -> str:
        return f"/media/{self.sha256}"

    @classmethod
    def from_info(cls, m: MediaInfo) -> Photo:
        return cls(sha256=m.sha256, content_type=m.content_type, width=m.width, height=m.height)
