"""GraphQL types for the five themes (五种类型)."""

from __future__ import annotations

from enum import Enum

import strawberry

from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.reference.themes import THEMES
from qile_api.themes.dataloaders import ThemeByKeyLoader
from qile_api.themes.sql import ThemeRow


@strawberry.enum(description="The five themes of the plan, one per kind of cultural community.")
class ThemeKey(Enum):
    LOVE = "love"
    VIRTUE = "virtue"
    BEAUTY = "beauty"
    HEALTH = "health"
    LABOUR = "labour"


describe_values(ThemeKey, {t.key: f"{t.name}·{t.kind}" for t in THEMES})


@strawberry.type(description="One of the five themes: 齐有爱, 齐养德, 齐育美, 齐健康, 齐劳动.")
class Theme:
    key: ThemeKey = strawberry.field(description="Which theme it is.")
    name: str = strawberry.field(description="The theme's name, e.g. 齐有爱.")
    kind: str = strawberry.field(description="The kind of community it builds, e.g. 文明社区.")
    lines_of_work: list[str] = strawberry.field(description="Its three lines of work (一是…三是).")
    lead_units: list[str] = strawberry.field(description="牵头单位.")
    responsible_units: list[str] = strawberry.field(description="责任单位.")

    @strawberry.field(description="Name and kind as screens show them, e.g. 齐有爱·文明社区.")
    def label(self) -> str:
        return f"{self.name}·{self.kind}"

    @classmethod
    def from_row(cls, row: ThemeRow) -> Theme:
        return cls(
            key=ThemeKey(row.key),
            name=row.name,
            kind=row.kind,
            lines_of_work=list(row.lines_of_work),
            lead_units=list(row.lead_units),
            responsible_units=list(row.responsible_units),
        )


async def load_theme(info: Info, key: str | None) -> Theme | None:
    if key is None:
        return None
    row = await info.context.loaders[ThemeByKeyLoader].load(key)
    return Theme.from_row(row) if row else None
