"""The operation names metrics label are exactly those of the documents Qile's clients ship."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import OperationDefinitionNode, parse

import qile_kiosk.documents
from qile_api.metrics.operations import CONSOLE_OPERATIONS, KIOSK_OPERATIONS

CONSOLE_SRC = Path(__file__).resolve().parents[3] / "services" / "console" / "src"
# How the console writes a document (graphql-codegen's client preset): graphql(`…`).
CONSOLE_DOCUMENT = re.compile(r"graphql\(\s*`([^`]*)`")


def operation_names(document: str) -> set[str]:
    return {d.name.value for d in parse(document).definitions if isinstance(d, OperationDefinitionNode) and d.name}


def test_the_kiosk_operations_are_listed() -> None:
    documents = [v for v in vars(qile_kiosk.documents).values() if isinstance(v, str) and "{" in v]

    found = set().union(*(operation_names(d) for d in documents))

    assert "ScreenFeed" in found
    assert found == KIOSK_OPERATIONS, "update qile_api/observability/operations.py"


def test_the_console_operations_are_listed() -> None:
    sources = [p for p in CONSOLE_SRC.rglob("*") if p.suffix in (".ts", ".vue") and "gql" not in p.parts]

    found = {
        name
        for source in sources
        for document in CONSOLE_DOCUMENT.findall(source.read_text(encoding="utf-8"))
        for name in operation_names(document)
    }

    assert {"Login", "Me", "NoticeCreate"} <= found
    assert found == CONSOLE_OPERATIONS, "update qile_api/observability/operations.py"
