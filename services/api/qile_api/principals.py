"""Who is asking: the signed-in staff member, and what that lets them see.

Framework-free, below every domain: the GraphQL context, plain HTTP routes
and SQL all speak of the caller in these terms, and none of them needs the
accounts domain to do so (accounts/sql.py builds a `StaffPrincipal` from a
session token).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StaffPrincipal:
    """The signed-in account, as its live session found it."""

    id: int
    username: str
    display_name: str
    role: str
    scope_region_id: int
    session_id: int


@dataclass(frozen=True)
class Visibility:
    """Whose eyes: None sees published content only."""

    scope_region_id: int | None = None


PUBLIC = Visibility()


def visibility_of(staff: StaffPrincipal | None) -> Visibility:
    """Staff see their scope's drafts besides what is published; everyone else what is published."""
    return Visibility(scope_region_id=staff.scope_region_id) if staff else PUBLIC
