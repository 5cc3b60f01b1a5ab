"""The delete mutation every community record shares, and payload plumbing."""

from __future__ import annotations

import strawberry
from strawberry import relay


@strawberry.input(description="Which record, at which version.")
class RecordRefInput:
    id: relay.GlobalID
    version: int
