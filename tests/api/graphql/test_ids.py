"""One reading of a global ID: canonical spellings only, anything else refused before any check."""

from __future__ import annotations

import base64

import pytest

from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import ID_TYPES, parse_global_id, parse_pk


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# Spellings of "Community 13" (and of numbers around it) that int() or a lax
# decoder would read as a real row. Each must be refused.
NON_CANONICAL_PKS = [
    "0000000000000000000013",  # the zero-padding that passed every scope check
    "013",
    "+13",
    "-13",
    " 13",
    "13 ",
    "1_3",
    "١٣",  # Arabic-Indic digits: str.isdigit() and int() accept them
    "１３",  # fullwidth digits
    "13\n",
    "0",
    "",
    "9223372036854775808",  # bigint max + 1
    "99999999999999999999999",
    "1e3",
    "0x0d",
]


@pytest.mark.parametrize("spelling", NON_CANONICAL_PKS)
def test_a_non_canonical_number_names_nothing(spelling: str) -> None:
    assert parse_pk(spelling) is None
    with pytest.raises(BadUserInput):
        parse_global_id(b64(f"Community:{spelling}"))


def test_canonical_ids_are_read_as_written() -> None:
    assert parse_pk("13") == 13
    assert parse_pk("9223372036854775807") == 2**63 - 1
    gid = parse_global_id(b64("Community:13"))
    assert (gid.type_name, gid.node_id) == ("Community", "13")


@pytest.mark.parametrize(
    "value",
    [
        b64("Communit:13"),  # unknown type
        b64("community:13"),  # type names are case-sensitive
        b64("Community13"),  # no separator
        b64("Community:13:1"),
        b64("Community:130").rstrip("="),  # padding dropped
        " " + b64("Community:13"),  # whitespace around the base64
        b64("Community:13")[:4] + "\n" + b64("Community:13")[4:],
        b64("Community:130") + "==",  # extra padding
        "Q29tbXVuaXR5OjEz" + "_",  # urlsafe alphabet
        "not base64 at all",
        "",
        "社区:13",
    ],
)
def test_malformed_global_ids_are_bad_user_input(value: str) -> None:
    with pytest.raises(BadUserInput) as raised:
        parse_global_id(value, "scope")
    assert raised.value.extensions == {"code": "BAD_USER_INPUT", "field": "scope"}


@pytest.mark.parametrize("value", [13, 13.0, None, ["Q29tbXVuaXR5OjEz"]])
def test_an_id_must_be_a_string(value: object) -> None:
    with pytest.raises(BadUserInput):
        parse_global_id(value)


def test_every_node_type_of_the_schema_is_a_known_id_type() -> None:
    from qile_api.root.schema import build_schema

    schema = build_schema()._schema
    nodes = {t.name for t in schema.get_possible_types(schema.get_type("Node"))}  # type: ignore[arg-type]
    # Every object with an ID is a Node: `node(id:)` finds it, whatever it is
    assert nodes == ID_TYPES
