"""Per-request loaders for teams: by id (nodes) and by community, batched."""

from __future__ import annotations

from typing import Self

from qile_api.graphql.context import Context
from qile_api.records.dataloaders import RecordByIdLoader, RecordsByCommunityIdLoader
from qile_api.teams.sql import TEAM_TABLE, TeamRow


class TeamByIdLoader(RecordByIdLoader[TeamRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, TEAM_TABLE)


class TeamsByCommunityIdLoader(RecordsByCommunityIdLoader[TeamRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, TEAM_TABLE)
