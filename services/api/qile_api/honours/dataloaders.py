"""Per-request batch loader for honours, as far as the caller may see them."""

from __future__ import annotations

from typing import Self

from qile_api.content.dataloaders import ContentByIdLoader
from qile_api.graphql.context import Context
from qile_api.honours.sql import HONOURS, HonourRow


class HonourByIdLoader(ContentByIdLoader[HonourRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, HONOURS, HonourRow.from_record, context.visibility)
