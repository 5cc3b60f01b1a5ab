"""Read queries for the five themes."""

from __future__ import annotations

import strawberry

from qile_api.graphql.context import Info
from qile_api.themes.sql import all_themes
from qile_api.themes.types import Theme


@strawberry.type
class ThemeQueries:
    @strawberry.field(description="The five themes, in the plan's order.")
    async def themes(self, info: Info) -> list[Theme]:
        return [Theme.from_row(r) for r in await all_themes(info.context.db)]
