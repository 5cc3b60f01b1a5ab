"""GraphQL types for honours (荣誉)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from qile_api.content.types import ContentFields
from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.graphql.ids import node_pks
from qile_api.honours.dataloaders import HonourByIdLoader
from qile_api.honours.sql import HonourRow
from qile_api.media.dataloaders import MediaBySha256Loader
from qile_api.media.types import Photo


@strawberry.enum(description="Who an honour names.")
class HonourSubjectKind(Enum):
    PERSON = "PERSON"
    HOUSEHOLD = "HOUSEHOLD"
    BUILDING = "BUILDING"
    MERCHANT = "MERCHANT"


describe_values(
    HonourSubjectKind,
    {
        HonourSubjectKind.PERSON: "个人: a person (needs their recorded consent to be shown).",
        HonourSubjectKind.HOUSEHOLD: "家庭: a household, e.g. 文明家庭 (needs recorded consent to be shown).",
        HonourSubjectKind.BUILDING: "楼院: a building or courtyard, e.g. 最美楼道.",
        HonourSubjectKind.MERCHANT: "商户: a shop or business, e.g. 美德诚信商户.",
    },
)


@strawberry.type(description="An honour for the good people gallery (好人长廊): 好邻居, 好楼长, 身边好人 …")
class Honour(relay.Node, ContentFields):
    id: relay.NodeID[int]
    row: strawberry.Private[HonourRow]

    @classmethod
    def from_row(cls, row: HonourRow) -> Honour:
        return cls(id=row.id, row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await info.context.loaders[HonourByIdLoader].load_many(node_pks(node_ids))
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field(
        description="Staff: for a draft revision, the published honour it will replace (to compare); null otherwise."
    )
    async def original(self, info: Info) -> Honour | None:
        if self.row.revision_of is None or info.context.staff is None:
            return None
        row = await info.context.loaders[HonourByIdLoader].load(self.row.revision_of)
        return Honour.from_row(row) if row else None

    @strawberry.field(description="The title awarded, e.g. 好邻居, 好楼长, 美德诚信商户.")
    def title(self) -> str:
        return self.row.title

    @strawberry.field(description="Whom it names: a person, a household, a building or a merchant.")
    def subject_kind(self) -> HonourSubjectKind:
        return HonourSubjectKind(self.row.subject_kind)

    @strawberry.field(description="The person, household, building or merchant honoured.")
    def subject_name(self) -> str:
        return self.row.subject_name

    @strawberry.field(description="事迹: what they did.")
    def citation(self) -> str:
        return self.row.citation

    @strawberry.field(description="The year it was awarded for.")
    def year(self) -> int:
        return self.row.year

    @strawberry.field(description="Their photo for the gallery, if one was uploaded.")
    async def photo(self, info: Info) -> Photo | None:
        return await _photo(info, self.row.photo_sha256)

    @strawberry.field(
        description="Staff: the consent of the person or household honoured, as recorded (null for the public). "
        "A revision shows its published honour's consent: that is the record an approval keeps."
    )
    async def consent(self, info: Info) -> Consent | None:
        if not await self._staff_sees(info):
            return None
        row = self.row
        if row.revision_of is not None:
            # Consent belongs to the honour, not to a draft of changes to it.
            row = await info.context.loaders[HonourByIdLoader].load(row.revision_of) or row
        if row.consent_withdrawn_at is not None:
            state = ConsentState.WITHDRAWN
        elif row.consent_given_at is not None:
            state = ConsentState.GIVEN
        else:
            state = ConsentState.NONE
        return Consent(
            state=state,
            given_by=row.consent_given_by,
            given_at=row.consent_given_at,
            method=row.consent_method,
            form_photo=await _photo(info, row.consent_form_sha256),
            withdrawn_at=row.consent_withdrawn_at,
        )


async def _photo(info: Info, sha256: str | None) -> Photo | None:
    if sha256 is None:
        return None
    found = await info.context.loaders[MediaBySha256Loader].load(sha256)
    return Photo.from_info(found) if found else None


@strawberry.enum(description="Whether the person or household honoured has consented to being shown.")
class ConsentState(Enum):
    NONE = "NONE"
    GIVEN = "GIVEN"
    WITHDRAWN = "WITHDRAWN"


describe_values(
    ConsentState,
    {
        ConsentState.NONE: "未登记: no consent recorded.",
        ConsentState.GIVEN: "已同意: consent recorded.",
        ConsentState.WITHDRAWN: "已撤回: consent withdrawn; the honour left the screens.",
    },
)


@strawberry.type(description="Consent to an honour being shown (本人同意): who gave it, when, how, the signed form.")
class Consent:
    state: ConsentState = strawberry.field(
        description="NONE: not recorded (a person or household cannot be submitted or approved); GIVEN; "
        "WITHDRAWN: off the screens, and a published honour archived."
    )
    given_by: str | None = strawberry.field(description="Who consented, e.g. 王秀兰本人 or 其子刘强.")
    given_at: datetime | None = strawberry.field(description="When consent was given.")
    method: str | None = strawberry.field(description="How: 书面签字, 电话确认 …")
    form_photo: Photo | None = strawberry.field(description="A photo of the signed form, when one was uploaded.")
    withdrawn_at: datetime | None = strawberry.field(
        description="When consent was withdrawn: the honour then left the screens (archived, if it was published)."
    )
