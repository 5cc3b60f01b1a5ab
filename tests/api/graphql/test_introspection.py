"""Introspection: off by default (production hands nobody a map of the API), on for developers (GraphiQL)."""

from __future__ import annotations

import httpx
import pytest
from graphql import get_introspection_query

from tests.api.conftest import Api

# What GraphiQL 3 sends when it opens: every option on, `ofType` nested eight deep.
GRAPHIQL_INTROSPECTION = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
)
ONE_TYPE = '{ __type(name: "Account") { fields { name } } }'
# Clients tell a union's members apart by __typename: that stays.
TYPENAME = "{ city { __typename name } themes { __typename key } }"
BROWSER = {"Accept": "text/html"}


@pytest.mark.parametrize("document", [GRAPHIQL_INTROSPECTION, ONE_TYPE])
async def test_by_default_nobody_reads_the_schema(api: Api, document: str) -> None:
    body = await api.gql(document)

    assert "data" not in body or body["data"] is None
    codes = {e["extensions"]["code"] for e in body["errors"]}
    assert codes == {"INTROSPECTION_DISABLED"}
    assert "未开放" in body["errors"][0]["message"]


async def test_by_default_typename_still_answers_and_no_graphiql_is_served(api: Api) -> None:
    body = await api.gql(TYPENAME)
    page = await api.client.get("/graphql", headers=BROWSER)

    assert "errors" not in body and body["data"]["themes"][0]["__typename"] == "Theme"
    assert "GraphiQL" not in page.text and "graphiql" not in page.text


async def test_for_developers_graphiql_reads_the_schema(developers_api: httpx.AsyncClient) -> None:
    body = (await developers_api.post("/graphql", json={"query": GRAPHIQL_INTROSPECTION})).json()
    page = await developers_api.get("/graphql", headers=BROWSER)

    assert "errors" not in body, body["errors"]
    names = {t["name"] for t in body["data"]["__schema"]["types"]}
    assert {"Query", "Notice", "ReviewItem", "Mutation"} <= names
    assert "GraphiQL" in page.text
