"""Per-request batch loaders for themes."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.themes.sql import ThemeRow, themes_by_keys


class ThemeByKeyLoader(DataLoader[str, ThemeRow | None]):
    def __init__(self, db: Executor) -> None:
        async def load(keys: Sequence[str]) -> list[ThemeRow | None]:
            found = {t.key: t for t in await themes_by_keys(db, keys)}
            return [found.get(k) for k in keys]

        super().__init__(load_fn=load)
