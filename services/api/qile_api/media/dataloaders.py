"""Per-request batch loader for image metadata."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.media.sql import MediaInfo, media_infos


class MediaBySha256Loader(DataLoader[str, MediaInfo | None]):
    def __init__(self, db: Executor) -> None:
        async def load(shas: Sequence[str]) -> list[MediaInfo | None]:
            found = {m.sha256: m for m in await media_infos(db, shas)}
            return [found.get(s) for s in shas]

        super().__init__(load_fn=load)
