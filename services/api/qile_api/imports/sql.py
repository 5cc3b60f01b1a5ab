"""SQL for imports: the region tree as the community list import walks it."""

from __future__ import annotations

from dataclasses import dataclass

from qile_api.db.database import Executor


@dataclass(frozen=True)
class TreeNode:
    id: int
    level: str
    parent_id: int | None
    name: str
    path: tuple[int, ...]
    retired: bool


async def whole_tree(db: Executor) -> list[TreeNode]:
    """Every region, retired ones too (their names stay taken under their parent), in one round trip."""
    rows = await db.fetch(
        "SELECT id, level, parent_id, name, path, retired_at IS NOT NULL AS retired FROM regions ORDER BY id"
    )
    return [TreeNode(r["id"], r["level"], r["parent_id"], r["name"], tuple(r["path"]), r["retired"]) for r in rows]
