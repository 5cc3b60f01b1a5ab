"""GraphQL type for an image."""

from __future__ import annotations

from enum import Enum

import strawberry

from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.media.links import signed_path
from qile_api.media.sql import MediaInfo


def media_url(info: Info, sha256: str) -> str:
    """The plain path for the public and screens; a signed link for staff."""
    if info.context.staff is None:
        return f"/media/{sha256}"
    return signed_path(info.context.app.media_key, sha256, info.context.now())


@strawberry.enum(description="What an upload is for: the word its refusals use for it.")
class UploadPurpose(Enum):
    PHOTO = "PHOTO"
    POSTER = "POSTER"
    IMAGE = "IMAGE"

    @property
    def noun(self) -> str:
        """What refusals call the upload (a poster is not a 照片 of an honour)."""
        return UPLOAD_NOUNS[self]


UPLOAD_NOUNS = {UploadPurpose.PHOTO: "照片", UploadPurpose.POSTER: "海报", UploadPurpose.IMAGE: "图片"}

describe_values(
    UploadPurpose,
    {
        UploadPurpose.PHOTO: "照片: an honour's photo, a consent form, a photo taken on site (the default).",
        UploadPurpose.POSTER: "海报: a notice's or event's poster.",
        UploadPurpose.IMAGE: "图片: a notice's or event's image before its kind is chosen, or an activity photo.",
    },
)


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
