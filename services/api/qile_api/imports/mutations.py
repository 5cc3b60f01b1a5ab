"""Imports as GraphQL mutations: the file arrives as `mediaUpload`'s photo does (multipart, X-Qile-Client).

One mutation per import, so that each declares its permission as the
mutation doing the same one row at a time does: the community list is for
ADMINs, facilities, teams and selections for EDITORs, attestations for
REVIEWERs. Every row must lie inside the caller's scope (rows are looked up
there). Why GraphQL and not a route of its own: the multipart upload, its
cross-site guard (`http/csrf.py`), the bearer token, typed payloads and the
error masking are all there already, and the console uploads photos this way.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from qile_api.editing.mutations import signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import errors_field
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import ADMINS, EDITORS, REVIEWERS
from qile_api.imports.communities import COMMUNITY_IMPORT
from qile_api.imports.engine import Limits, Report, run_import
from qile_api.imports.kinds import ImportKind
from qile_api.imports.records import ATTESTATION_IMPORT, FACILITY_IMPORT, SELECTION_IMPORT, TEAM_IMPORT
from qile_api.settings import Settings

_DEFAULTS = Settings.model_fields
_MAX_MB = _DEFAULTS["import_max_bytes"].default / 1024 / 1024
_MAX_ROWS = _DEFAULTS["import_max_rows"].default


@strawberry.type(description="One problem with an uploaded sheet; the message is Chinese, for staff.")
class ImportProblem:
    row: int = strawberry.field(description="The row as Excel numbers it (1 is the header); 0 for the file as a whole.")
    column: str | None = strawberry.field(description="The column's header (e.g. 设施名称); null for the whole row.")
    message: str = strawberry.field(description="What is wrong, in Chinese.")


@strawberry.type(
    description="What an import did: all of it, or (with any problem, or `dryRun`) nothing, with every problem."
)
class ImportPayload:
    rows: int = strawberry.field(description="Data rows read (the template's hint row and blank rows not counted).")
    created: int = strawberry.field(description="Records or regions created (with `dryRun`: that would be).")
    existing: int = strawberry.field(description="Rows naming what was there already (the community list).")
    committed: bool = strawberry.field(description="True when the import was saved; false: nothing changed.")
    problems: list[ImportProblem] = strawberry.field(description="Every problem found, by row and column.")
    errors: list[MutationError] = errors_field()

    @classmethod
    def of(cls, report: Report) -> ImportPayload:
        return cls(
            rows=report.rows,
            created=report.created,
            existing=report.existing,
            committed=report.committed,
            problems=[ImportProblem(row=p.row, column=p.column, message=p.message) for p in report.problems],
            errors=[],
        )


_FILE = strawberry.argument(
    description=f"The filled-in template (multipart): .xlsx, at most {_MAX_MB:g} MB and {_MAX_ROWS} data rows."
)
_DRY_RUN = strawberry.argument(description="Check every row and report, but save nothing.")
_TEMPLATE = "Template: GET /reports/templates/{}.xlsx. All or nothing, audited."


async def _run(info: Info, kind: ImportKind, file: Upload, dry_run: bool) -> ImportPayload:
    ctx = info.context
    staff = signed_in(info)
    limits = Limits(ctx.settings.import_max_bytes, ctx.settings.import_max_rows)
    # One byte past the cap: enough to know it is too big.
    data = await file.read(limits.max_bytes + 1)  # type: ignore[attr-defined]
    report = await run_import(ctx.db, kind, staff, data, now=ctx.now(), limits=limits, dry_run=dry_run)
    return ImportPayload.of(report)


@strawberry.type
class ImportMutations:
    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Import the community list (区县, 街道/镇, 社区), creating what is missing inside your scope "
        "(ADMIN). " + _TEMPLATE.format("communities"),
    )
    async def communities_import(
        self, info: Info, file: Annotated[Upload, _FILE], dry_run: Annotated[bool, _DRY_RUN] = False
    ) -> ImportPayload:
        return await _run(info, COMMUNITY_IMPORT, file, dry_run)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Import facilities of communities in your scope, as facilityCreate would. "
        + _TEMPLATE.format("facilities"),
    )
    async def facilities_import(
        self, info: Info, file: Annotated[Upload, _FILE], dry_run: Annotated[bool, _DRY_RUN] = False
    ) -> ImportPayload:
        return await _run(info, FACILITY_IMPORT, file, dry_run)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Import teams of communities in your scope, as teamCreate would. " + _TEMPLATE.format("teams"),
    )
    async def teams_import(
        self, info: Info, file: Annotated[Upload, _FILE], dry_run: Annotated[bool, _DRY_RUN] = False
    ) -> ImportPayload:
        return await _run(info, TEAM_IMPORT, file, dry_run)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Import selections' participation, as selectionCreate would. " + _TEMPLATE.format("selections"),
    )
    async def selections_import(
        self, info: Info, file: Annotated[Upload, _FILE], dry_run: Annotated[bool, _DRY_RUN] = False
    ) -> ImportPayload:
        return await _run(info, SELECTION_IMPORT, file, dry_run)

    @strawberry.mutation(
        permission_classes=REVIEWERS,
        description="Import judgements on qualitative criteria (REVIEWER), as attestationRecord would; you and now "
        "are recorded as who and when. " + _TEMPLATE.format("attestations"),
    )
    async def attestations_import(
        self, info: Info, file: Annotated[Upload, _FILE], dry_run: Annotated[bool, _DRY_RUN] = False
    ) -> ImportPayload:
        return await _run(info, ATTESTATION_IMPORT, file, dry_run)
