"""Uploading photos (GraphQL multipart request spec)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from qile_api.audit.sql import log_entry
from qile_api.graphql.context import Info
from qile_api.graphql.describe import errors_field
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import EDITORS
from qile_api.media.processing import prepare_photo
from qile_api.media.sql import MediaInfo, store_media
from qile_api.media.types import Photo, UploadPurpose
from qile_api.problems import Refused
from qile_api.settings import Settings

# The configured limit (QILE_MAX_UPLOAD_BYTES) as deployed by default.
_MAX_MB = Settings.model_fields["max_upload_bytes"].default // (1024 * 1024)


@strawberry.type(description="What `mediaUpload` did: the photo stored, or why not.")
class MediaUploadPayload:
    photo: Photo | None = strawberry.field(description="Pass `photo.sha256` as an honour's `photo`.")
    errors: list[MutationError] = errors_field()


@strawberry.type
class MediaMutations:
    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Upload a photo: checked by decoding, stripped of metadata, re-encoded for screens.",
    )
    async def media_upload(
        self,
        info: Info,
        file: Annotated[
            Upload, strawberry.argument(description=f"The photo (multipart): JPEG, PNG or WebP, at most {_MAX_MB} MB.")
        ],
        purpose: Annotated[
            UploadPurpose,
            strawberry.argument(description="What it is for: refusals call it 照片, 海报 or 图片 accordingly."),
        ] = UploadPurpose.PHOTO,
    ) -> MediaUploadPayload:
        staff = info.context.staff
        assert staff is not None
        settings = info.context.settings
        # Read one byte past the cap: enough to know it is too big.
        data = await file.read(settings.max_upload_bytes + 1)  # type: ignore[attr-defined]
        try:
            prepared = prepare_photo(
                data,
                max_bytes=settings.max_upload_bytes,
                max_side=settings.max_image_side,
                max_pixels=settings.max_image_pixels,
                screen_side=settings.screen_image_side,
                noun=purpose.noun,
            )
        except Refused as refused:
            return MediaUploadPayload(photo=None, errors=errors_of(refused))
        async with info.context.db.transaction() as tx:
            await store_media(
                tx, prepared.sha256, prepared.content_type, prepared.width, prepared.height, prepared.data
            )
            await log_entry(
                tx,
                account_id=staff.id,
                action="mediaUpload",
                object_type="Media",
                object_id=None,
                region_id=staff.scope_region_id,
                after={"sha256": prepared.sha256, "bytes": len(prepared.data)},
            )
        stored = MediaInfo(prepared.sha256, prepared.content_type, prepared.width, prepared.height)
        return MediaUploadPayload(photo=Photo.from_info(stored), errors=[])
