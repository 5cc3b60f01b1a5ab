"""Per-request batch loader: every assessment a request asks for, in one batch per year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Self

from strawberry.dataloader import DataLoader

from qile_api.assessment.engine import CommunityAssessment, assess_communities
from qile_api.db.database import Executor
from qile_api.graphql.context import Context

AssessmentKey = tuple[int, int]  # (community id, year)


class AssessmentByCommunityYearLoader(DataLoader[AssessmentKey, CommunityAssessment]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        # Assessed as of the request's instant, in the city's time zone.
        return cls(context.db, context.now(), context.settings.timezone)

    def __init__(self, db: Executor, now: datetime, timezone: str) -> None:
        async def load(keys: Sequence[AssessmentKey]) -> list[CommunityAssessment]:
            by_year: dict[int, list[int]] = defaultdict(list)
            for community_id, year in keys:
                by_year[year].append(community_id)
            found: dict[AssessmentKey, CommunityAssessment] = {}
            for year, ids in by_year.items():
                assessed = await assess_communities(db, ids, year, now=now, timezone=timezone)
                found.update({(i, year): a for i, a in assessed.items()})
            return [found[k] for k in keys]

        super().__init__(load_fn=load)

