"""The committed SDL is the contract: it must match the code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from qile_api.root.schema import build_schema
from tests.api import staff
from tests.api.conftest import Api

SCHEMA_FILE = Path(__file__).parents[2] / "schema" / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    generated = build_schema().as_str() + "\n"
    assert committed == generated, "schema/schema.graphql is stale: run `make schema` and commit it"


def undescribed() -> list[str]:
    """Every type, field, argument, input field and enum value of the schema without a description."""
    from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

    missing: list[str] = []
    for name, kind in build_schema()._schema.type_map.items():
        if name.startswith("__"):
            continue  # introspection's own
        if not kind.description:
            missing.append(name)
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in kind.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing += [f"{name}.{field_name}({arg})" for arg, a in field.args.items() if not a.description]
        elif isinstance(kind, GraphQLInputObjectType):
            missing += [f"{name}.{field}" for field, f in kind.fields.items() if not f.description]
        elif isinstance(kind, GraphQLEnumType):
            missing += [f"{name}.{value}" for value, v in kind.values.items() if not v.description]
    return missing


def test_the_schema_explains_itself() -> None:
    # Someone who has never seen GraphQL reads the schema in GraphiQL's docs: nothing may be left unsaid
    assert undescribed() == []


def test_every_text_limit_is_stated_in_the_schema() -> None:
    from qile_api import limits

    sdl = build_schema().as_str()
    stated = [v for v in vars(limits).values() if isinstance(v, limits.TextLimit)]
    assert len(stated) >= 20
    assert [t for t in stated if f"At most {t.max} characters ({t.label}不超过{t.max}个字)" not in sdl] == []


NOTICE = "mutation($input: NoticeCreateInput!) { noticeCreate(input: $input) { errors { code field } } }"
HONOUR = "mutation($input: HonourCreateInput!) { honourCreate(input: $input) { errors { code field } } }"


def stated_limit(input_type: str, field: str) -> int:
    """The most characters the schema says `input_type.field` takes (the docs a developer reads)."""
    description = build_schema()._schema.type_map[input_type].fields[field].description  # type: ignore[union-attr]
    found = re.search(r"At most (\d+) characters", description or "")
    assert found, description
    return int(found.group(1))


@pytest.mark.parametrize(
    ("mutation", "input_type", "field", "base"),
    [
        (NOTICE, "NoticeCreateInput", "title", {"category": "SERVICE", "body": "正文"}),
        (
            HONOUR,
            "HonourCreateInput",
            "title",
            {"subjectKind": "BUILDING", "subjectName": "5号楼", "citation": "整洁", "year": 2026},
        ),
        (
            HONOUR,
            "HonourCreateInput",
            "citation",
            {"subjectKind": "BUILDING", "subjectName": "5号楼", "title": "最美楼道", "year": 2026},
        ),
    ],
)
async def test_a_stated_limit_is_the_limit_checked(
    api: Api, mutation: str, input_type: str, field: str, base: dict[str, Any]
) -> None:
    # Given what the schema says a field may hold
    most = stated_limit(input_type, field)
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    scope = (await api.gql('{ communities(filter: {name: "工盛社区"}) { nodes { id } } }'))["data"]
    base = {**base, "scope": scope["communities"]["nodes"][0]["id"]}

    # When an editor writes exactly that much, then one character more
    fits = await api.gql(mutation, {"input": {**base, field: "好" * most}}, token=editor)
    over = await api.gql(mutation, {"input": {**base, field: "好" * (most + 1)}}, token=editor)

    # Then the first is taken and the second refused at that field
    (fits_payload,) = fits["data"].values()
    (over_payload,) = over["data"].values()
    assert fits_payload["errors"] == []
    assert over_payload["errors"] == [{"code": "TOO_LONG", "field": field}]
