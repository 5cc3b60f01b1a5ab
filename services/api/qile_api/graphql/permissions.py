"""Permissions, declared on fields with `permission_classes`, never inline.

Staff act inside their scope only: the region of everything a mutation
touches (found from the global IDs in its arguments) must lie in the
caller's scope, i.e. the caller's scope region must be on its path. Roles
nest: an ADMIN may do what a REVIEWER may, a REVIEWER what an EDITOR may.
"""

from __future__ import annotations

from typing import Any, ClassVar

from strawberry.permission import BasePermission

from qile_api.graphql.context import Info
from qile_api.graphql.targets import global_ids, target_paths

ROLE_RANK: dict[str, int] = {"EDITOR": 1, "REVIEWER": 2, "ADMIN": 3}


class IsScreen(BasePermission):
    message = "screen token is missing, invalid or revoked"
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012  (strawberry reads it per class)

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return await info.context.screen() is not None


class IsStaff(BasePermission):
    message = "请先登录（需要工作人员令牌）"
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012

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
            paths = await target_paths(info, gid)
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
