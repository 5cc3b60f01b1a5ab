"""Where what a global ID names lies in the region tree: the one place that knows every node type.

Permissions compare these regions with the caller's scope (graphql/permissions.py,
through `Context.place`). Each domain answers for its own table in its sql.py;
this map only says which domain owns which type name.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from strawberry import relay

from qile_api.accounts.sql import account_regions
from qile_api.assessment.sql import attestation_regions, recognition_regions, selection_regions
from qile_api.db.database import Executor
from qile_api.events.signups.sql import sign_up_regions
from qile_api.events.sql import event_regions
from qile_api.facilities.sql import facility_regions
from qile_api.graphql.context import Context
from qile_api.graphql.ids import REGION_TYPES, pk_of
from qile_api.honours.sql import honour_regions
from qile_api.notices.sql import notice_regions
from qile_api.regions.dataloaders import RegionByIdLoader
from qile_api.screens.sql import screen_regions
from qile_api.teams.sql import team_regions

# The regions an object of each type touches. A content revision also
# touches its published item: approving it rewrites that item.
_REGIONS_OF: dict[str, Callable[[Executor, int], Awaitable[list[int]]]] = {
    "Notice": notice_regions,
    "Honour": honour_regions,
    "Event": event_regions,
    "Screen": screen_regions,
    "Facility": facility_regions,
    "Team": team_regions,
    "Account": account_regions,
    "Selection": selection_regions,
    "Recognition": recognition_regions,
    "Attestation": attestation_regions,
    "SignUp": sign_up_regions,
}


async def place(context: Context, gid: relay.GlobalID) -> list[tuple[int, ...]]:
    """The region paths of what a global ID names, through the request's loaders.

    A region id counts as the region it is, whatever type name it came with:
    `Community:<id of the city>` is the city, so it cannot slip past a scope.
    Region ids go through the batched region loader, so a query naming many
    communities (aliases) costs one round trip for all of them. An id of a
    type that lies nowhere in the tree places nowhere ([]).
    """
    if gid.type_name in REGION_TYPES:
        ids = [pk_of(gid)]
    else:
        regions_of = _REGIONS_OF.get(gid.type_name)
        ids = await regions_of(context.db, pk_of(gid)) if regions_of else []
    rows = await context.loaders[RegionByIdLoader].load_many(ids)
    return [row.path for row in rows if row is not None]
