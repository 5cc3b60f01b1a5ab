"""Per-request batch loader: every assessment a request asks for, in one batch per year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from strawberry.dataloader import DataLoader

from qile_api.assessment.engine import CommunityAssessment, assess_communities
from qile_api.db.database import Executor
from qile_api.graphql.context import Info

AssessmentKey = tuple[int, int]  # (community id, year)


class AssessmentLoader(DataLoader[AssessmentKey, CommunityAssessment]):
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


def assessment_loader(info: Info) -> AssessmentLoader:
    """The request's loader, kept on the request so that a list of communities shares one batch.

    It lives on `request.state` rather than in `Loaders` so that this package
    needs no change to the shared context; moving it there later is harmless.
    """
    ctx = info.context
    loader = getattr(ctx.request.state, "assessment_loader", None)
    if not isinstance(loader, AssessmentLoader):
        loader = AssessmentLoader(ctx.db, ctx.now(), ctx.settings.timezone)
        ctx.request.state.assessment_loader = loader
    return loader
