"""The committed SDL is the contract: it must match the code."""

from __future__ import annotations

from pathlib import Path

from qile_api.graphql.schema import build_schema

SCHEMA_FILE = Path(__file__).parents[2] / "schema" / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    generated = build_schema().as_str() + "\n"
    assert committed == generated, "schema/schema.graphql is stale: run `make schema` and commit it"
