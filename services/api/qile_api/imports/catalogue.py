"""Every import, by the name its template is downloaded under."""

from __future__ import annotations

from qile_api.imports.communities import COMMUNITY_IMPORT
from qile_api.imports.kinds import ImportKind
from qile_api.imports.records import ATTESTATION_IMPORT, FACILITY_IMPORT, SELECTION_IMPORT, TEAM_IMPORT

IMPORTS: dict[str, ImportKind] = {
    k.key: k for k in (COMMUNITY_IMPORT, FACILITY_IMPORT, TEAM_IMPORT, SELECTION_IMPORT, ATTESTATION_IMPORT)
}
