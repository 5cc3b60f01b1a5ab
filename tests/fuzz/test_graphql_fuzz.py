"""Property-based fuzzing of the whole GraphQL surface, from the committed schema.

hypothesis-graphql writes valid queries and mutations with arbitrary
arguments; they go to a real API process over a real PostgreSQL holding the
demo city, anonymously and with each role's token. Whatever is asked, the
API answers without a 5xx, without a masked internal error ("Unexpected
error." means a fault we did not foresee) and without leaking a traceback,
SQL or a password hash.

`make test` runs a bounded number of examples; `make fuzz` runs many more
(QILE_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries

from qile_api.db.database import Database
from tests.api import staff
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

SCHEMA = (Path(__file__).parents[2] / "schema" / "schema.graphql").read_text(encoding="utf-8")
EXAMPLES = int(os.environ.get("QILE_FUZZ_EXAMPLES", "15"))
ROLES = ("ANONYMOUS", "EDITOR", "REVIEWER", "ADMIN")
# The schema's own scalars: well-formed values, values without a zone, and junk.
SCALARS = {
    "DateTime": st.one_of(
        st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
        st.datetimes().map(lambda d: d.isoformat()),
        st.text(max_size=30),
    ).map(nodes.String),
    "Date": st.one_of(st.dates().map(str), st.text(max_size=12)).map(nodes.String),
    "JSON": st.just(nodes.String("{}")),
    "Upload": st.just(nodes.String("not a file")),
}
# Text that must never reach a client.
LEAKS = ("Traceback", "asyncpg", "SELECT ", "INSERT ", "$argon2", "psycopg", 'File "')


@pytest.fixture(scope="module")
def city(databases: Databases) -> Iterator[tuple[ApiProcess, dict[str, str | None]]]:
    async def prepare() -> tuple[str, dict[str, str | None]]:
        dsn = await seeded_database(databases, "qile_fuzz", demo=True)
        db = await Database.connect(dsn, min_size=1, max_size=1)
        try:
            tokens: dict[str, str | None] = {"ANONYMOUS": None}
            for role in ROLES[1:]:
                tokens[role] = await staff.staff(db, f"fuzz.{role.lower()}", role, "车站街道")
        finally:
            await db.close()
        return dsn, tokens

    dsn, tokens = asyncio.run(prepare())
    process = ApiProcess(dsn).start()
    yield process, tokens
    process.stop()


def check(client: httpx.Client, document: str, token: str | None) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post("/graphql", json={"query": document}, headers=headers)
    assert response.status_code < 500, (response.status_code, document, response.text[:500])
    body = response.text
    assert "Unexpected error." not in body, (document, body[:1000])
    for leak in LEAKS:
        assert leak not in body, (leak, document, body[:1000])


@pytest.mark.parametrize("operation", ["query", "mutation"])
@pytest.mark.parametrize("role", ROLES)
def test_no_document_breaks_the_api(city: tuple[ApiProcess, dict[str, str | None]], role: str, operation: str) -> None:
    process, tokens = city
    documents = (queries if operation == "query" else mutations)(SCHEMA, custom_scalars=SCALARS)
    with httpx.Client(base_url=process.url, timeout=30.0) as client:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
            database=None,
        )
        @given(document=documents)
        def run(document: str) -> None:
            check(client, document, tokens[role])

        run()
