"""Descriptions the schema repeats, written once, and enum values described by their Chinese labels.

Every type, field, argument, input field and enum value of the schema is
described (tests/api/test_schema.py walks it): what reads the same
everywhere (a page's `first`, an input's `version`, a payload's `errors`)
reads the same because it comes from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

import strawberry

from qile_api.settings import Settings

_PAGE_MAX = Settings.model_fields["page_size_max"].default
_PAGE_DEFAULT = Settings.model_fields["page_size_default"].default

FIRST = f"How many items from the start (or from `after`): 1 to {_PAGE_MAX}, {_PAGE_DEFAULT} when left out."
AFTER = "The `endCursor` of the previous page: the items after it."
LAST = f"How many items from the end (or before `before`): 1 to {_PAGE_MAX}; use instead of `first`."
BEFORE = "The `startCursor` of the next page: the items before it (with `last`)."
INPUT = "What to do; see the input type."
ID_INPUT = "The global ID of the object to change."
VERSION_INPUT = "The `version` you read: a change to an object someone changed since is refused (CONFLICT)."
VERSION = "Changes each time the object changes: send it back with an update, so that no change overwrites another."
ERRORS = "What stopped the change, each with its field and a message in Chinese; empty when it succeeded."
COMMUNITY_INPUT = "The community's global ID: one in your scope."
YEAR = "The year assessed; by default this year in the city's time zone."


# For `Annotated[SomeInput, INPUT_ARG]` on a mutation's `input` argument.
INPUT_ARG = strawberry.argument(description=INPUT)


def errors_field() -> Any:
    """A payload's `errors` (a fresh field for each payload type)."""
    return strawberry.field(description=ERRORS)


def describe_values(enum: type[Enum], descriptions: Mapping[Any, str]) -> type[Enum]:
    """Describe each value of a strawberry enum, keyed by member or by value (the labels' dictionaries are).

    Called once, where the enum and its labels are defined; a value without a description is an error here.
    """
    definition = enum.__strawberry_definition__  # type: ignore[attr-defined]
    unknown = set(descriptions) - {v.value for v in definition.values} - set(enum)
    if unknown:
        raise ValueError(f"{enum.__name__} has no values {sorted(map(str, unknown))}")
    for value in definition.values:
        member = enum(value.value)
        found = descriptions.get(member, descriptions.get(value.value))
        if not found:
            raise ValueError(f"{enum.__name__}.{value.name} has no description")
        value.description = found
    return enum


def label(vocabulary: dict[str, str], key: str) -> str:
    """The Chinese name of a key; a key outside the vocabulary shows as itself."""
    return vocabulary.get(key, key)
