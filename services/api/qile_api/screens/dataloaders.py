"""Per-request batch loaders for screens."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.screens.sql import ScreenPrincipal, active_screen_principals


class ScreenPrincipalByIdLoader(DataLoader[int, ScreenPrincipal | None]):
    """An active screen with its region path and feed revision; None once decommissioned."""

    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[ScreenPrincipal | None]:
            found = {p.screen.id: p for p in await active_screen_principals(db, ids)}
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)
