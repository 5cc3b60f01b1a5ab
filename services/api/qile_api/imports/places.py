"""Which community a row means: by name, inside the uploader's scope, with 街道/镇 and 区县 to tell namesakes apart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from qile_api.assessment.sql import ExportCommunity
from qile_api.imports.cells import CellProblem, text
from qile_api.imports.layout import Column
from qile_api.reference.pilots import normalise_district

DISTRICT = Column("区县", "district", text, hint="可不填；同名社区须填", width=10)
SUBDISTRICT = Column("街道/镇", "subdistrict", text, hint="可不填；同名社区须填", width=12)
COMMUNITY = Column("社区", "community", text, required=True, hint="必填，如：工盛社区", width=16)
PLACE_COLUMNS = (DISTRICT, SUBDISTRICT, COMMUNITY)


class Places:
    """The live communities of a scope, found by name."""

    def __init__(self, communities: Sequence[ExportCommunity]) -> None:
        self.by_name: dict[str, list[ExportCommunity]] = defaultdict(list)
        for c in communities:
            self.by_name[c.name].append(c)

    def names(self) -> tuple[str, ...]:
        """For the template's drop-down list."""
        return tuple(sorted(self.by_name))

    def community(self, row: Mapping[str, Any]) -> int:
        """The community a row names; CellProblem (for the 社区 column) when none or several match."""
        name = row["community"]
        district = normalise_district(row["district"]) if row["district"] else None
        found = [
            c
            for c in self.by_name.get(name, [])
            if (district is None or c.district == district)
            and (row["subdistrict"] is None or c.subdistrict == row["subdistrict"])
        ]
        if not found:
            where = "".join(x for x in (district, row["subdistrict"]) if x)
            raise CellProblem(f"您的管辖范围内没有{where}“{name}”这个社区（或已撤销）")
        if len(found) > 1:
            raise CellProblem(f"有{len(found)}个名为“{name}”的社区，请填写其街道/镇（及区县）")
        return found[0].id
