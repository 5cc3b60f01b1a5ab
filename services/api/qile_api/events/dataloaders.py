"""Per-request batch loader for events, as far as the caller may see them."""

from __future__ import annotations

from typing import Self

from qile_api.content.dataloaders import ContentByIdLoader
from qile_api.events.sql import EVENTS, EventRow
from qile_api.graphql.context import Context


class EventByIdLoader(ContentByIdLoader[EventRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, EVENTS, EventRow.from_record, context.visibility)
