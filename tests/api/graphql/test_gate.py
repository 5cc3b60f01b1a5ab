"""The document gate: limits over the fragment-expanded document, and caches that hit."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.routing import Route

from qile_api.graphql.gate import DocumentCache
from tests.api import staff
from tests.api.conftest import Api


def bomb(levels: int) -> str:
    """Each fragment spreads the previous one twice: about 1 KB, 2^levels fields."""
    fragments = ["fragment F0 on Query { themes { key } }"]
    fragments += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels)]
    return "\n".join([*fragments, f"query {{ ...F{levels - 1} }}"])


# The region tree walked back and forth: within the depth limit, millions of objects in a real city.
TREE_WALK = (
    "{ districts { subdistricts { communities { subdistrict { district {"
    " subdistricts { communities { name } } } } } } } }"
)
README_TREE = "{ districts { name subdistricts { name kind communities { name pilotNo theme { label } } } } }"


def documents(api: Api) -> DocumentCache:
    route = next(r for r in api.app.routes if isinstance(r, Route) and r.path == "/graphql")
    cache: DocumentCache = route.app.graphql.schema.documents  # type: ignore[attr-defined]  # behind screens/front.py
    return cache


def limits_of(body: dict[str, Any]) -> list[str]:
    return [str(e["extensions"]["limit"]) for e in body.get("errors") or [] if "limit" in e.get("extensions", {})]


def limit_of(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or []
    if errors and errors[0].get("extensions", {}).get("code") == "QUERY_TOO_COMPLEX":
        return str(errors[0]["extensions"]["limit"])
    return None


async def test_a_fragment_bomb_is_refused_by_its_expanded_cost(api: Api) -> None:
    body = await api.gql(bomb(30))

    assert body["data"] is None
    assert limit_of(body) in ("fields", "cost")
    assert body["errors"][0]["extensions"]["found"] > 2**29


async def test_walking_the_tree_back_and_forth_is_refused_by_cost(api: Api) -> None:
    body = await api.gql(TREE_WALK)

    assert body["data"] is None
    assert limit_of(body) == "cost"
    assert "估算开销" in body["errors"][0]["message"]


async def test_the_readme_tree_query_is_within_every_limit(api: Api) -> None:
    body = await api.gql(README_TREE)

    assert "errors" not in body
    assert len(body["data"]["districts"]) == 10


@pytest.mark.parametrize(
    ("document", "limit"),
    [
        # Aliases hidden in a fragment count once per spread.
        (
            "fragment A on Query { " + " ".join(f"a{i}: city {{ name }}" for i in range(8)) + " } { ...A ...A ...A }",
            "aliases",
        ),
        # Depth counted through fragments (single objects all the way: the cost stays small).
        (
            "fragment D on Assessment { community { assessment(year: 2026) { community { assessment(year: 2026) {"
            " community { assessment(year: 2026) { year } } } } } } }"
            ' { node(id: "Q29tbXVuaXR5OjEz") { ... on Community { assessment(year: 2026) { community {'
            " assessment(year: 2026) { community { assessment(year: 2026) { ...D } } } } } } } }",
            "depth",
        ),
        # A wide fragment spread many times.
        ("fragment W on City { " + "name " * 60 + "} { city { " + "...W " * 40 + "} }", "fields"),
        # Many operations: the document is measured as a whole.
        (" ".join(f"query Q{i} {{ city {{ " + "name " * 30 + "} }" for i in range(40)), "fields"),
        # `first` weighs a connection's nodes.
        (
            "{ communities(first: 100) { nodes { name subdistrict {"
            " communities { facilities { name } teams { name } } } } } }",
            "cost",
        ),
    ],
)
async def test_limits_count_the_expanded_document(api: Api, document: str, limit: str) -> None:
    body = await api.gql(document)

    assert body["data"] is None
    assert limit in limits_of(body), body


async def test_a_long_run_of_directives_is_refused_quickly(api: Api) -> None:
    body = await api.gql("{ city " + "@skip(if: false) " * 500 + "{ name } }")

    assert body["data"] is None
    assert body["errors"]


async def test_an_overlong_document_is_refused_before_parsing(api: Api) -> None:
    body = await api.gql("{ city { name } }" + " " * 100_001)

    assert limit_of(body) == "bytes"


async def test_a_document_is_parsed_and_validated_once_per_process(api: Api) -> None:
    cache = documents(api)
    query = "query Once($id: ID!) { themes { key label } city { name } node(id: $id) { id } }"
    parses, validations = cache.parses, cache.validations

    for _ in range(30):
        body = await api.gql(query, {"id": "Q29tbXVuaXR5OjEz"})
        assert body["data"]["city"]["name"] == "淄博市"

    assert cache.parses - parses == 1
    assert cache.validations - validations == 1


async def test_variables_are_checked_on_every_request_of_a_cached_document(api: Api) -> None:
    query = "query($id: ID!) { node(id: $id) { id } }"
    good = await api.gql(query, {"id": "Q29tbXVuaXR5Ojk5OTk5OQ=="})  # Community:999999
    bad = await api.gql(query, {"id": "Q29tbXVuaXR5OjA5OTk5OTk="})  # Community:0999999

    assert good == {"data": {"node": None}}
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_date_no_utc_instant_can_hold_is_refused_as_input_not_masked(api: Api) -> None:
    # given an editor, and a start before year 1 once moved to UTC (literal and variable)
    token = await staff.staff(api.db, "wang", "EDITOR", "工盛社区")
    literal = """mutation { noticeCreate(input: {scope: "Q29tbXVuaXR5OjE=", category: SERVICE, title: "停水",
      body: "周四停水", displayStart: "0001-01-01T00:00:00+05:00"}) { errors { code } } }"""
    variable = """mutation($start: DateTime!) { noticeCreate(input: {scope: "Q29tbXVuaXR5OjE=", category: SERVICE,
      title: "停水", body: "周四停水", displayStart: $start}) { errors { code } } }"""

    # when it is sent either way
    as_literal = await api.gql(literal, token=token)
    as_variable = await api.gql(variable, {"start": "0001-01-01T00:00:00+05:00"}, token=token)

    # then each is a clear refusal at its field, never "Unexpected error."
    for body in (as_literal, as_variable):
        assert body["data"] is None
        messages = [e["message"] for e in body["errors"]]
        assert messages and all("Unexpected error" not in m for m in messages)
        assert "years 1 to 9999 in UTC" in messages[0]
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert as_variable["errors"][0]["extensions"]["field"] == "start"
    assert await api.db.fetchval("SELECT count(*) FROM notices") == 0
