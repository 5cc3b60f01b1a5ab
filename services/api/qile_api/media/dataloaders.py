"""Per-request batch loader for image metadata."""

from __future__ import annotations

from typing import Self

from qile_api.graphql.context import Context
from qile_api.graphql.dataloaders import RowsByKeyLoader
from qile_api.media.sql import MediaInfo, media_infos


class MediaBySha256Loader(RowsByKeyLoader[str, MediaInfo]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, media_infos, lambda info: info.sha256)
