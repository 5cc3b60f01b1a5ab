"""Every GraphQL document in the READMEs is valid against the committed schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

ROOT = Path(__file__).parents[1]
SCHEMA = build_schema((ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8"))
BLOCKS = [
    (path.relative_to(ROOT), index, block)
    for path in (ROOT / "README.md", ROOT / "services" / "api" / "README.md")
    for index, block in enumerate(re.findall(r"```graphql\n(.*?)```", path.read_text(encoding="utf-8"), re.S))
]


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize(("path", "index", "block"), BLOCKS, ids=[f"{p}#{i}" for p, i, _ in BLOCKS])
def test_example_is_valid(path: Path, index: int, block: str) -> None:
    assert validate(SCHEMA, parse(block)) == []


# A date or a year written into an example works only while the clock agrees with it.
CLOCK_BOUND = re.compile(r"\b\d{4}-\d\d-\d\d|\byear\s*[:=]\s*\d{4}")
EXAMPLES = [
    (path, block)
    for path in (ROOT / "README.md", ROOT / "services" / "api" / "README.md")
    for block in re.findall(r"```(?:graphql|sh)\n(.*?)```|`(curl [^`]*)`", path.read_text(encoding="utf-8"), re.S)
]


@pytest.mark.parametrize(("path", "block"), EXAMPLES, ids=[f"{p}#{i}" for i, (p, _) in enumerate(EXAMPLES)])
def test_example_does_not_depend_on_the_clock(path: Path, block: tuple[str, str]) -> None:
    assert CLOCK_BOUND.findall("".join(block)) == []
