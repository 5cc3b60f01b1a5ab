"""The pilot list (试点名单), the plan's attachment, read from `pilots.tsv`.

The list spells one district two ways (经开区 in item 17, 经济开发区 in item
19); names are normalised here so that the import makes one district.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

CITY_NAME = "淄博市"

# Short or variant spellings → the district's one name.
DISTRICT_ALIASES: dict[str, str] = {"经开区": "经济开发区"}


@dataclass(frozen=True)
class Pilot:
    no: int
    district: str
    subdistrict: str
    community: str

    @property
    def subdistrict_kind(self) -> str:
        # 街道 first: 田镇街道 is a 街道 although its name holds 镇.
        if self.subdistrict.endswith("街道"):
            return "STREET"
        if self.subdistrict.endswith("镇"):
            return "TOWN"
        raise ValueError(f"neither 街道 nor 镇: {self.subdistrict}")


def normalise_district(name: str) -> str:
    name = name.strip()
    return DISTRICT_ALIASES.get(name, name)


def load_pilots() -> list[Pilot]:
    text = resources.files("qile_api.reference").joinpath("pilots.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return [
        Pilot(
            no=int(row["no"]),
            district=normalise_district(row["district"]),
            subdistrict=row["subdistrict"].strip(),
            community=row["community"].strip(),
        )
        for row in rows
    ]
