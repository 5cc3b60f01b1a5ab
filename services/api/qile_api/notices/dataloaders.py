"""Per-request batch loader for notices, as far as the caller may see them."""

from __future__ import annotations

from typing import Self

from qile_api.content.dataloaders import ContentByIdLoader
from qile_api.graphql.context import Context
from qile_api.notices.sql import NOTICES, NoticeRow


class NoticeByIdLoader(ContentByIdLoader[NoticeRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, NOTICES, NoticeRow.from_record, context.visibility)
