"""GraphQL types for staff accounts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from qile_api.accounts.dataloaders import AccountByIdLoader, SignInLockByUsernameLoader
from qile_api.accounts.sql import AccountRow
from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.graphql.ids import node_pks
from qile_api.regions.scope import staff_visible
from qile_api.regions.types import Region, load_region


@strawberry.enum(description="EDITOR writes drafts; REVIEWER also approves; ADMIN also manages accounts and screens.")
class Role(Enum):
    EDITOR = "EDITOR"
    REVIEWER = "REVIEWER"
    ADMIN = "ADMIN"


describe_values(
    Role,
    {
        Role.EDITOR: "编辑: writes notices, honours and events and submits them; keeps community records.",
        Role.REVIEWER: "审核员: what an editor does, and approves, rejects and archives; attests criteria.",
        Role.ADMIN: "管理员: what a reviewer does, and manages accounts, screens and communities.",
    },
)


@strawberry.type(description="A staff account of the city, a district, a subdistrict or a community.")
class Account(relay.Node):
    id: relay.NodeID[int]
    row: strawberry.Private[AccountRow]

    @classmethod
    def from_row(cls, row: AccountRow) -> Account:
        return cls(id=row.id, row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        ids = node_pks(node_ids)
        loaded = await info.context.loaders[AccountByIdLoader].load_many(ids) if info.context.staff else []
        rows = [r for r in loaded if r is not None]
        visible = await staff_visible(info, ids, rows, lambda a: a.id, lambda a: a.scope_region_id)
        return [cls.from_row(r) if r else None for r in visible]

    @strawberry.field(description="What it signs in with, e.g. gongsheng.editor.")
    def username(self) -> str:
        return self.row.username

    @strawberry.field(description="The person's name (姓名), may be empty.")
    def display_name(self) -> str:
        return self.row.display_name

    @strawberry.field(description="What it may do (roles nest: ADMIN ⊇ REVIEWER ⊇ EDITOR).")
    def role(self) -> Role:
        return Role(self.row.role)

    @strawberry.field(description="The region this account acts in, with everything below it.")
    async def scope(self, info: Info) -> Region:
        return await load_region(info, self.row.scope_region_id)

    @strawberry.field(description="A disabled account cannot sign in; its sessions have ended.")
    def disabled(self) -> bool:
        return self.row.disabled

    @strawberry.field(
        description="Until when sign-in is locked after repeated failures (at the address locked longest); "
        "null when it is not. accountUnlock lifts it."
    )
    async def sign_in_locked_until(self, info: Info) -> datetime | None:
        return await info.context.loaders[SignInLockByUsernameLoader].load(self.row.username)

    @strawberry.field(description="For optimistic concurrency: send it back with an update.")
    def version(self) -> int:
        return self.row.version

    @strawberry.field(description="When it was created.")
    def created_at(self) -> datetime:
        return self.row.created_at
