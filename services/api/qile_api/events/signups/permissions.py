"""Who may see residents' full mobile numbers: staff an ADMIN granted the right to contact residents.

Every other staff member sees numbers masked (138****5678): enough to tell
two residents apart at the door, not to call them. The right is an
account's (`resident_contact_rights`), granted and withdrawn with
`accountResidentMobilesSet`, both audited.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from qile_api.events.signups.dataloaders import ContactRightByAccountIdLoader
from qile_api.graphql.context import Info


class CanContactResidents(BasePermission):
    message = "无权查看居民完整手机号（需管理员授予联系居民权限）"
    error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        staff = info.context.staff
        return staff is not None and await info.context.loaders[ContactRightByAccountIdLoader].load(staff.id)
