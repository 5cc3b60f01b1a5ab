"""What a review list holds: a notice, an honour or an event."""

from __future__ import annotations

from typing import Annotated, TypeAlias

import strawberry

from qile_api.events.types import Event
from qile_api.honours.types import Honour
from qile_api.notices.types import Notice

ReviewItem: TypeAlias = Annotated[
    Notice | Honour | Event,
    strawberry.union("ReviewItem", description="A notice, an honour or an event, in whatever review state."),
]
