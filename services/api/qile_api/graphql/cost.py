"""What a document would cost, measured over its fragment-expanded selection.

The limits (depth, aliases, estimated cost) must count what the document
expands to, not its text: thirty fragments each spreading the previous one
twice are 1 KB of text and a billion fields. Expanding them to count would be
the attack itself, so each fragment is measured once and its measure reused
wherever it is spread (memoised), which keeps the work linear in the size of
the document whatever it expands to.

Cost estimates how many fields the server would resolve: a field costs 1,
and the fields below a list are counted once per expected item: `first`
or `last` (or the default page size) on a connection, a fixed estimate on plain lists
such as `districts { subdistricts { communities } }`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
)

# Items expected under a list field that takes no `first` (a subdistrict's
# communities, a community's facilities): about what a real city has.
LIST_ESTIMATE = 10


@dataclass(frozen=True)
class Measure:
    depth: int = 0
    aliases: int = 0
    fields: int = 0
    cost: int = 0

    def plus(self, other: Measure) -> Measure:
        return Measure(
            max(self.depth, other.depth),
            self.aliases + other.aliases,
            self.fields + other.fields,
            self.cost + other.cost,
        )


@dataclass(frozen=True)
class Limits:
    depth: int
    aliases: int
    # Field selections after expansion: validation compares fields of one
    # name pairwise, so its time grows with the square of this.
    fields: int
    cost: int
    page_default: int
    page_max: int


class _Cycle(Exception):
    pass


class _Meter:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, limits: Limits) -> None:
        self.schema = schema
        self.limits = limits
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.memo: dict[str, Measure] = {}
        self.visiting: set[str] = set()

    def fragment(self, name: str) -> Measure:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None:
            return Measure()  # validation reports the unknown fragment
        if name in self.visiting:
            raise _Cycle
        self.visiting.add(name)
        found = self.schema.get_type(definition.type_condition.name.value)
        measure = self.selections(definition.selection_set, found)
        self.visiting.discard(name)
        self.memo[name] = measure
        return measure

    def selections(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None) -> Measure:
        total = Measure()
        if selection_set is None:
            return total
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total = total.plus(self.field(selection, parent))
            elif isinstance(selection, FragmentSpreadNode):
                total = total.plus(self.fragment(selection.name.value))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total = total.plus(self.selections(selection.selection_set, inner))
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> Measure:
        name = node.name.value
        definition = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(name)
        child_type = get_named_type(definition.type) if definition else None
        below = self.selections(node.selection_set, child_type)
        many = 1
        if definition is not None:
            many = self.items(node, definition.args, get_nullable_type(definition.type), parent)
        # Introspection is shallow in practice but nests `ofType` deeply (GraphiQL's
        # query reaches 14): it is held by its cost, not by the depth meant for
        # data. Introspection types (`__Type` …) hold nothing but introspection.
        introspection = name.startswith("__") or (parent is not None and parent.name.startswith("__"))
        depth = below.depth if introspection else below.depth + 1
        return Measure(depth, below.aliases + (1 if node.alias else 0), 1 + below.fields, 1 + many * below.cost)

    def items(self, node: FieldNode, args: object, type_: object, parent: GraphQLNamedType | None) -> int:
        if isinstance(args, dict) and "first" in args:
            # A page's size is `first` or `last` (paging backward), whichever it names.
            sizes = [a.value for a in node.arguments or () if a.name.value in ("first", "last")]
            if not sizes:
                return self.limits.page_default
            return max(
                max(0, min(int(v.value), self.limits.page_max)) if isinstance(v, IntValueNode)
                # a variable: assume the most it may ask for
                else self.limits.page_max
                for v in sizes
            )
        if isinstance(type_, GraphQLList):
            if parent is not None and parent.name.endswith("Connection"):
                return 1  # a connection's nodes/edges: counted by its `first`
            return LIST_ESTIMATE
        return 1


def measure(schema: GraphQLSchema, document: DocumentNode, limits: Limits) -> Measure | None:
    """The document's measure over all its operations; None when fragments form a cycle."""
    meter = _Meter(schema, document, limits)
    total = Measure()
    try:
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                root = schema.get_root_type(definition.operation)
                total = total.plus(meter.selections(definition.selection_set, root))
    except _Cycle:
        return None  # validation names the cycle (NoFragmentCyclesRule)
    except RecursionError:
        # Nesting deeper than the interpreter's stack: far past any depth limit.
        return Measure(depth=sys.getrecursionlimit())
    return total


def exceeded(found: Measure, limits: Limits) -> list[tuple[str, int, int]]:
    """(limit, allowed, found) for each limit the measure goes past."""
    checks = (
        ("depth", limits.depth, found.depth),
        ("aliases", limits.aliases, found.aliases),
        ("fields", limits.fields, found.fields),
        ("cost", limits.cost, found.cost),
    )
    return [(name, allowed, value) for name, allowed, value in checks if value > allowed]
