"""Permissions, declared on fields with `permission_classes`."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from qile_api.graphql.context import Info


class IsScreen(BasePermission):
    message = "screen token is missing, invalid or revoked"
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012  (strawberry reads it per class)

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return await info.context.screen() is not None
