"""Input checks shared by the content mutations; messages are Chinese, for staff."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from qile_api.db.database import Executor
from qile_api.graphql.payloads import ErrorCode, MutationError, error
from qile_api.limits import TextLimit


def text(
    values: Mapping[str, Any], key: str, field: str, label: str, max_len: int, *, required: bool = True
) -> list[MutationError]:
    value = values.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return [error(ErrorCode.REQUIRED, f"请填写{label}", field)] if required else []
    if len(value) > max_len:
        return [error(ErrorCode.TOO_LONG, f"{label}不能超过{max_len}个字（现有{len(value)}个）", field)]
    return []


def limited(
    values: Mapping[str, Any], key: str, field: str, limit: TextLimit, *, required: bool = True
) -> list[MutationError]:
    """`text` with a limit from `qile_api.limits`, the lengths the schema's descriptions state."""
    return text(values, key, field, limit.label, limit.max, required=required)


def aware(values: Mapping[str, Any], key: str, field: str, label: str) -> list[MutationError]:
    value = values.get(key)
    if isinstance(value, datetime) and value.tzinfo is None:
        return [error(ErrorCode.INVALID, f"{label}须带时区，例如 2024-05-01T09:00:00+08:00", field)]
    return []


def in_range(values: Mapping[str, Any], key: str, field: str, label: str, low: int, high: int) -> list[MutationError]:
    value = values.get(key)
    if value is not None and not low <= value <= high:
        return [error(ErrorCode.INVALID, f"{label}须在{low}到{high}之间", field)]
    return []


async def region_exists(db: Executor, region_id: int | None, field: str = "scope") -> list[MutationError]:
    # Nothing new goes into a retired region (regionRetire).
    sql = "SELECT true FROM regions WHERE id = $1 AND retired_at IS NULL"
    if region_id is None or not await db.fetchval(sql, region_id):
        return [error(ErrorCode.NOT_FOUND, "范围（市、区县、街道/镇或社区）不存在或已撤销", field)]
    return []


async def media_exists(db: Executor, sha256: str | None, field: str = "photo") -> list[MutationError]:
    if sha256 is not None and not await db.fetchval("SELECT true FROM media WHERE sha256 = $1", sha256):
        return [error(ErrorCode.NOT_FOUND, "照片不存在，请先上传", field)]
    return []
