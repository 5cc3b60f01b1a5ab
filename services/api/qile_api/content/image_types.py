"""GraphQL pieces of the image a notice or an event carries (content/images.py)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from qile_api.content.types import ContentFields
from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.limits import CONSENT_GIVEN_BY, CONSENT_METHOD
from qile_api.media.dataloaders import MediaBySha256Loader
from qile_api.media.types import Photo
from qile_api.settings import Settings

_MAX_MB = Settings.model_fields["max_upload_bytes"].default // (1024 * 1024)


@strawberry.enum(description="What an attached image is, and so how screens show it.")
class ImageKind(Enum):
    POSTER = "POSTER"
    PHOTO = "PHOTO"


IMAGE_KIND_LABELS = {ImageKind.POSTER: "海报", ImageKind.PHOTO: "活动照片"}

describe_values(
    ImageKind,
    {
        ImageKind.POSTER: "海报: a designed full page; bulletin screens show it whole on a slide of its own "
        "(letterboxed, never cropped), its title small at the edge.",
        ImageKind.PHOTO: "活动照片: a photo of a community activity; gallery screens (好人长廊) show it with its "
        "title as caption.",
    },
)


@strawberry.type(description="The consent of the people an image shows (本人同意), as recorded with it.")
class ImageConsent:
    given_by: str = strawberry.field(description="Who consented, e.g. 照片中居民本人.")
    given_at: datetime = strawberry.field(description="When consent was given.")
    method: str = strawberry.field(description="How: 书面签字, 现场口头同意 …")


@strawberry.type(description="The image a notice or an event carries: a poster or a photo.")
class AttachedImage:
    kind: ImageKind = strawberry.field(description="Poster or photo: how screens show it.")
    poster: bool = strawberry.field(description="True for a poster (kind POSTER): shown whole on its own slide.")
    shows_people: bool = strawberry.field(
        description="It shows recognisable people, who consented (staff see the record in `consent`)."
    )
    photo: Photo = strawberry.field(description="The image itself: its url, width and height in pixels.")
    consent: ImageConsent | None = strawberry.field(
        description="Staff: the consent of the people shown (null for the public, and when nobody is shown)."
    )


@strawberry.type
class ContentWithImage(ContentFields):
    """Notices and events: content fields and the image they carry."""

    row: strawberry.Private[Any]

    @strawberry.field(description="Its poster or photo, if one is attached; null otherwise.")
    async def image(self, info: Info) -> AttachedImage | None:
        wants_consent = self.row.image_people and self.row.image_consent_at is not None
        return await attached_image(info, self.row, with_consent=wants_consent and await self._staff_sees(info))


async def attached_image(info: Info, row: Any, *, with_consent: bool = False) -> AttachedImage | None:
    """The image of a notice or event row (`ImageMeta`); its consent only `with_consent` (staff in scope)."""
    if row.image_sha256 is None or row.image_kind is None:
        return None
    found = await info.context.loaders[MediaBySha256Loader].load(row.image_sha256)
    if found is None:
        return None
    consent = None
    if with_consent:
        consent = ImageConsent(
            given_by=row.image_consent_by, given_at=row.image_consent_at, method=row.image_consent_method
        )
    return AttachedImage(
        kind=ImageKind(row.image_kind),
        poster=row.image_kind == ImageKind.POSTER.value,
        shows_people=row.image_people,
        photo=Photo.from_info(found),
        consent=consent,
    )


_IMAGE = (
    f"Its poster or photo: the sha256 `mediaUpload` answered (JPEG, PNG or WebP, at most {_MAX_MB} MB, "
    "checked by decoding). Giving it drops the consent recorded for the image before unless given again."
)
_KIND = "Poster (shown whole on a slide of its own) or photo (gallery screens); required with an image."
_PEOPLE = (
    "The image shows recognisable people: then imageConsentBy, imageConsentMethod and imageConsentAt are required."
)
_BY = CONSENT_GIVEN_BY.describe("Who consented to being shown, e.g. 照片中居民本人.")
_METHOD = CONSENT_METHOD.describe("How consent was given: 书面签字, 现场口头同意 …")
_AT = "When consent was given, with an offset; a time in the future (beyond a minute) is refused."


@strawberry.input(description="The image fields of a new notice or event.")
class ImageCreateFields:
    image: str | None = strawberry.field(default=None, description=_IMAGE)
    image_kind: ImageKind | None = strawberry.field(default=None, description=_KIND)
    image_people: bool = strawberry.field(default=False, description=_PEOPLE)
    image_consent_by: str | None = strawberry.field(default=None, description=_BY)
    image_consent_method: str | None = strawberry.field(default=None, description=_METHOD)
    image_consent_at: datetime | None = strawberry.field(default=None, description=_AT)


@strawberry.input(description="The image fields of a change: null image removes the image (and its consent).")
class ImageUpdateFields:
    image: str | None = strawberry.field(default=strawberry.UNSET, description=_IMAGE + " Null removes it.")
    image_kind: ImageKind | None = strawberry.field(default=strawberry.UNSET, description=_KIND)
    image_people: bool | None = strawberry.field(default=strawberry.UNSET, description=_PEOPLE)
    image_consent_by: str | None = strawberry.field(default=strawberry.UNSET, description=_BY)
    image_consent_method: str | None = strawberry.field(default=strawberry.UNSET, description=_METHOD)
    image_consent_at: datetime | None = strawberry.field(default=strawberry.UNSET, description=_AT)
