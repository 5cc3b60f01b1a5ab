"""An event's places and sign-up window: checked with the rest of an event's edits.

They are columns of the event and go through review like its title: the
resident page shows them to the public.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from qile_api.problems import ErrorCode, Problem, problem

MAX_CAPACITY = 100_000

CAPACITY = f"报名名额: how many people may sign up, 1 to {MAX_CAPACITY}; null: no limit."
OPENS = "When residents may start signing up, with its offset; null (with `signUpClosesAt`): no sign-up."
CLOSES = "When sign-up closes, after it opens and no later than the event's end; null: no sign-up."


def window_problems(v: Mapping[str, Any]) -> list[Problem]:
    """The window both given or neither, open before close, closed by the event's end.

    Capacity's range and the instants' offsets are the field map's (events/editing.py).
    """
    opens: datetime | None = v.get("sign_up_opens_at")
    closes: datetime | None = v.get("sign_up_closes_at")
    if (opens is None) != (closes is None):
        field = "signUpOpensAt" if opens is None else "signUpClosesAt"
        return [problem(ErrorCode.REQUIRED, "请同时填写报名开始和截止时间（都不填则无需报名）", field)]
    if opens is None or closes is None:
        return []
    if closes <= opens:
        return [problem(ErrorCode.INVALID, "报名截止时间须晚于报名开始时间", "signUpClosesAt")]
    ends = v.get("ends_at")
    if isinstance(ends, datetime) and ends.tzinfo is not None and closes > ends:
        return [problem(ErrorCode.INVALID, "报名截止时间不能晚于活动结束时间", "signUpClosesAt")]
    return []
