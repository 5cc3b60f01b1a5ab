"""The input naming a community record (a facility, team, selection …) to delete.

Community records are what staff keep of a community without review; they
are edited through `editing.crud`, their mutations declared in their domains.
"""

from __future__ import annotations

import strawberry
from strawberry import relay

from qile_api.graphql.describe import ID_INPUT, VERSION_INPUT


@strawberry.input(description="Which record, at which version.")
class RecordRefInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
