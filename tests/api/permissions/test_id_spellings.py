"""Every ID argument of the schema, spelled every way but the canonical one, is refused before any check.

The positions are found by walking the schema itself (arguments, input
objects, lists), so a field or argument added later is covered without
being named here. The permission matrix is then re-run with respelled IDs:
nothing is done and nothing is audited.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    get_named_type,
    is_composite_type,
    is_required_input_field,
)

from qile_api.root.schema import build_schema
from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import BUILDERS

SCHEMA = build_schema()._schema
CANONICAL = base64.b64encode(b"Community:13").decode()
PLACEHOLDERS = {
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": True,
    "ID": CANONICAL,
    "DateTime": "2026-12-01T09:00:00+08:00",
    "Date": "2026-12-01",
    "JSON": {},
}


def respellings(gid: str) -> dict[str, str]:
    """The spellings that once slipped past scope checks, of the object `gid` names."""
    type_name, _, pk = base64.b64decode(gid).decode().partition(":")

    def enc(node_id: str) -> str:
        return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()

    return {
        "zero-padded": enc("0" * 19 + pk),
        "signed +": enc("+" + pk),
        "signed -": enc("-" + pk),
        "whitespace": enc(" " + pk),
        "fullwidth digits": enc(pk.translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
        "over-long": enc(pk + "0" * 20),
        "base64 with a space": " " + gid,
    }


def id_positions(type_: GraphQLInputType, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    if isinstance(type_, GraphQLScalarType) and type_.name == "ID":
        yield path
    elif isinstance(type_, GraphQLInputObjectType):
        for name, field in type_.fields.items():
            yield from id_positions(field.type, (*path, name))


def fill(type_: GraphQLInputType, path: tuple[str, ...], bad: str) -> Any:
    """A value of `type_` with its required parts set and `bad` at `path`."""
    if isinstance(type_, GraphQLNonNull):
        return fill(type_.of_type, path, bad)
    if isinstance(type_, GraphQLList):
        return [fill(type_.of_type, path, bad)]
    if isinstance(type_, GraphQLInputObjectType):
        value = {n: fill(f.type, (), bad) for n, f in type_.fields.items() if is_required_input_field(f)}
        if path:
            value[path[0]] = fill(type_.fields[path[0]].type, path[1:], bad)
        return value
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    assert isinstance(type_, GraphQLScalarType)
    return bad if path == () and type_.name == "ID" and bad else PLACEHOLDERS.get(type_.name, "x")


def cases() -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    for operation in ("query", "mutation"):
        root = SCHEMA.query_type if operation == "query" else SCHEMA.mutation_type
        assert root is not None
        for field_name, field in root.fields.items():
            for arg_name, arg in field.args.items():
                for position in id_positions(arg.type):
                    yield operation, field_name, arg_name, position


CASES = list(cases())


def request(operation: str, field_name: str, arg_name: str, position: tuple[str, ...], bad: str) -> tuple[str, dict]:  # type: ignore[type-arg]
    root = SCHEMA.query_type if operation == "query" else SCHEMA.mutation_type
    assert root is not None
    field = root.fields[field_name]
    used = {n: a for n, a in field.args.items() if n == arg_name or isinstance(a.type, GraphQLNonNull)}
    variables = {
        n: fill(a.type, position if n == arg_name else (), bad if n == arg_name else "") for n, a in used.items()
    }
    declared = ", ".join(f"${n}: {a.type}" for n, a in used.items())
    passed = ", ".join(f"{n}: ${n}" for n in used)
    selection = " { __typename }" if is_composite_type(get_named_type(field.type)) else ""
    return f"{operation}({declared}) {{ {field_name}({passed}){selection} }}", variables


def test_the_schema_has_id_arguments_everywhere_it_should() -> None:
    fields = {(op, name) for op, name, _, _ in CASES}
    # The fields that read objects by ID, as a sanity check on the walk itself.
    assert {("query", "node"), ("mutation", "noticeCreate"), ("mutation", "accountCreate")} <= fields
    assert len(CASES) >= 50


@pytest.mark.parametrize(("operation", "field_name", "arg_name", "position"), CASES)
async def test_every_id_position_refuses_every_non_canonical_spelling(
    api: Api, operation: str, field_name: str, arg_name: str, position: tuple[str, ...]
) -> None:
    admin = await staff.staff(api.db, "cityadmin", "ADMIN", "淄博市")
    wrong: list[str] = []
    for label, bad in respellings(CANONICAL).items():
        document, variables = request(operation, field_name, arg_name, position, bad)
        body = await api.gql(document, variables, token=admin)
        codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
        if body.get("data") is not None or codes[:1] != ["BAD_USER_INPUT"]:
            wrong.append(f"{label}: {codes or body}")
    # The same request with the canonical spelling passes the edge: whatever
    # it meets next (wrong type, no such object) happens while executing.
    document, variables = request(operation, field_name, arg_name, position, CANONICAL)
    canonical = await api.gql(document, variables, token=admin)
    assert wrong == []
    assert all("path" in e for e in canonical.get("errors") or []), canonical


def gids_in(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from gids_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from gids_in(item, (*path, index))
    elif isinstance(value, str):
        try:
            text = base64.b64decode(value, validate=True).decode()
        except ValueError:
            return
        if ":" in text and text.split(":", 1)[0].isalpha():
            yield path, value


def replaced(value: Any, path: tuple[Any, ...], new: str) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: replaced(v, rest, new) if k == head else v for k, v in value.items()}
    return [replaced(v, rest, new) if i == head else v for i, v in enumerate(value)]


@pytest.mark.parametrize("mutation", sorted(BUILDERS))
async def test_the_matrix_with_respelled_ids_does_nothing(api: Api, mutation: str) -> None:
    # The strongest role whose scope the object lies outside of.
    admin = await staff.staff(api.db, "admin", "ADMIN", "车站街道")
    built = await BUILDERS[mutation](api.db, "beside")
    assert built is not None
    document, variables = built
    positions = list(gids_in(variables))
    assert positions, f"{mutation} has no ID to respell"
    audited = await api.db.fetchval("SELECT count(*) FROM audit_log")
    wrong: list[str] = []
    for path, gid in positions:
        for label, bad in respellings(gid).items():
            body = await api.gql(document, replaced(variables, path, bad), token=admin)
            codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
            if codes[:1] != ["BAD_USER_INPUT"]:
                wrong.append(f"{'.'.join(map(str, path))} {label}: {codes or body}")
    assert wrong == []
    assert await api.db.fetchval("SELECT count(*) FROM audit_log") == audited
