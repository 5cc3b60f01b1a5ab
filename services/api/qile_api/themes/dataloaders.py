"""Per-request batch loaders for themes."""

from __future__ import annotations

from typing import Self

from qile_api.graphql.context import Context
from qile_api.graphql.dataloaders import RowsByKeyLoader
from qile_api.themes.sql import ThemeRow, themes_by_keys


class ThemeByKeyLoader(RowsByKeyLoader[str, ThemeRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, themes_by_keys, lambda theme: theme.key)
