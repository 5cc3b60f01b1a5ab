"""Permissions, declared on fields with `permission_classes`, never inline.

Staff act inside their scope only: the region of everything a mutation
touches (found from the global IDs in its arguments, placed in the tree by
`Context.place`, which the composition root provides) must lie in the
caller's scope, i.e. the caller's scope region must be on its path.
Screens authenticate with their own permission (screens/auth.py). Roles
nest: an ADMIN may do what a REVIEWER may, a REVIEWER what an EDITOR may.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any, ClassVar

from strawberry import relay
from strawberry.permission import BasePermission

from qile_api.graphql.context import Info

ROLE_RANK: dict[str, int] = {"EDITOR": 1, "REVIEWER": 2, "ADMIN": 3}


def global_ids(value: Any) -> Iterator[relay.GlobalID]:
    """Every GlobalID inside an input object (depth-first)."""
    if isinstance(value, relay.GlobalID):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from global_ids(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from global_ids(getattr(value, f.name))


class IsStaff(BasePermission):
    message = "请先登录（需要工作人员令牌）"
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012  (strawberry reads it per class)

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.staff is not None


class ScopedRole(BasePermission):
    """Signed in, with at least `min_role`, and every target inside the scope."""

    min_role: ClassVar[str]
    message = "无权操作：角色不足、超出管辖范围或对象不存在"
    error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        staff = info.context.staff
        if staff is None or ROLE_RANK[staff.role] < ROLE_RANK[self.min_role]:
            return False
        # A field on a region (e.g. Community.assessment) reads that region.
        source_path = getattr(getattr(source, "row", None), "path", None)
        if isinstance(source_path, tuple) and staff.scope_region_id not in source_path:
            return False
        for gid in global_ids(list(kwargs.values())):
            # Fail closed: an object the check cannot place in the region tree
            # (missing, deleted, of a type that has no region) is refused, so
            # no spelling of an id the check misreads can reach a resolver.
            paths = await info.context.place(info.context, gid)
            if not paths or any(staff.scope_region_id not in path for path in paths):
                return False
        return True


class CanEdit(ScopedRole):
    min_role = "EDITOR"


class CanReview(ScopedRole):
    min_role = "REVIEWER"


class CanAdminister(ScopedRole):
    min_role = "ADMIN"


# What fields declare: signed in first (UNAUTHENTICATED), then role and scope (FORBIDDEN).
STAFF: list[type[BasePermission]] = [IsStaff]
EDITORS: list[type[BasePermission]] = [IsStaff, CanEdit]
# Reading what only staff may read: any role, inside the scope.
STAFF_IN_SCOPE = EDITORS
REVIEWERS: list[type[BasePermission]] = [IsStaff, CanReview]
ADMINS: list[type[BasePermission]] = [IsStaff, CanAdminister]
