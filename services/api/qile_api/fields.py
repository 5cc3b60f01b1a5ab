"""What each editable field is, declared once per type, and the checks every input goes through.

A `FieldMap` lists a type's fields: the input's name, the column, whether it
is a text (trimmed, at most so many characters, required or not), a number
within bounds, an instant that must carry its offset, and whether null is a
value. From it come a create's values (`values`), an update's changes
(`changes`) and the checks of the row a write would leave (`problems`), so
trimming, the limits and what null means are decided here, the same for
every type:

- an input field left out of an update leaves the column unchanged;
- null in an update clears a `nullable` field and leaves any other unchanged;
- texts are stored trimmed, whether created or updated.

Values arrive as plain mappings (the GraphQL layer's `given`, the CLI's
arguments): nothing here knows where they came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from qile_api.limits import TextLimit
from qile_api.problems import ErrorCode, Problem, problem


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def text_problems(value: Any, field: str, limit: TextLimit, *, required: bool = True) -> list[Problem]:
    """A text against its limit (`qile_api.limits`), the length the schema's descriptions state."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return [problem(ErrorCode.REQUIRED, f"请填写{limit.label}", field)] if required else []
    if len(value) > limit.max:
        return [problem(ErrorCode.TOO_LONG, f"{limit.label}不能超过{limit.max}个字（现有{len(value)}个）", field)]
    return []


def range_problems(value: Any, field: str, label: str, low: float, high: float) -> list[Problem]:
    if value is not None and not low <= value <= high:
        return [problem(ErrorCode.INVALID, f"{label}须在{_number(low)}到{_number(high)}之间", field)]
    return []


def offset_problems(value: Any, field: str, label: str) -> list[Problem]:
    if isinstance(value, datetime) and value.tzinfo is None:
        return [problem(ErrorCode.INVALID, f"{label}须带时区，例如 2024-05-01T09:00:00+08:00", field)]
    return []


def camel(name: str) -> str:
    """The schema's name of an input field: display_end → displayEnd."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


@dataclass(frozen=True)
class Field:
    name: str  # the input's field, snake_case: "display_end"
    column: str = ""  # the column, when it is not `name`: "region_id" for "scope"
    text: TextLimit | None = None  # a text: trimmed, then at most `text.max` characters
    required: bool = True  # for a text: may not be left empty
    nullable: bool = False  # null clears it; otherwise an update's null leaves it unchanged
    between: tuple[float, float] | None = None  # a number within these bounds, inclusive
    offset: bool = False  # an instant that must carry its offset
    label: str = ""  # the Chinese name in the messages of `between` and `offset`
    convert: Callable[[Any], Any] | None = None  # how a given value is stored (e.g. float → Decimal)

    @property
    def key(self) -> str:
        return self.column or self.name

    def clean(self, value: Any) -> Any:
        if self.text is not None and isinstance(value, str):
            value = value.strip()
        if self.convert is not None and value is not None:
            value = self.convert(value)
        return value

    def problems(self, value: Any) -> list[Problem]:
        field = camel(self.name)
        found: list[Problem] = []
        if self.text is not None:
            found += text_problems(value, field, self.text, required=self.required)
        if self.between is not None:
            found += range_problems(value, field, self.label, *self.between)
        if self.offset:
            found += offset_problems(value, field, self.label)
        return found


class FieldMap:
    """The editable fields of one type."""

    def __init__(self, *fields: Field) -> None:
        self.fields = fields

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def values(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """A create's column values: every field given, cleaned."""
        return {f.key: f.clean(given[f.name]) for f in self.fields if f.name in given}

    def changes(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """An update's column changes: fields given, null only where null is a value."""
        return {
            f.key: f.clean(given[f.name])
            for f in self.fields
            if f.name in given and (given[f.name] is not None or f.nullable)
        }

    def problems(self, row: Mapping[str, Any]) -> list[Problem]:
        """What is wrong with the columns a write would leave (a create's values, or the row with its changes)."""
        return [p for f in self.fields for p in f.problems(row.get(f.key))]
