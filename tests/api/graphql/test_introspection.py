"""GraphiQL (and codegen, and any IDE) can read the schema: introspection passes the document gate."""

from __future__ import annotations

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


async def test_graphiql_reads_the_schema(api: Api) -> None:
    body = await api.gql(GRAPHIQL_INTROSPECTION)

    assert "errors" not in body, body["errors"]
    names = {t["name"] for t in body["data"]["__schema"]["types"]}
    assert {"Query", "Notice", "ReviewItem", "Mutation"} <= names

