"""The kiosk's GraphQL documents are valid against the API's schema: the contract."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

from qile_kiosk.documents import ALL_DOCUMENTS

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


@pytest.mark.parametrize("name", sorted(ALL_DOCUMENTS))
def test_document_is_valid_against_the_schema(name: str) -> None:
    schema = build_schema(SCHEMA.read_text(encoding="utf-8"))
    errors = validate(schema, parse(ALL_DOCUMENTS[name]))
    assert not errors, [e.message for e in errors]
