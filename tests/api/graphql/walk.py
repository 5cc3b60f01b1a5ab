"""Documents asking for every field the committed schema offers, generated from it.

A test that lists the fields to check misses the field added next month. The
walker reads schema/schema.graphql and writes, per root field, a document
selecting every field below it down to some depth (unions and interfaces
through a fragment per member), filling required arguments from a small table.
`node(id:)` documents reach, one object of each type, what lies deeper. Each
document says which (type, field) pairs it selects, so a test can prove that
every field reachable from Query was asked for at least once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
    get_named_type,
    is_required_argument,
)

SCHEMA_FILE = Path(__file__).parents[3] / "schema" / "schema.graphql"

FieldRef = tuple[str, str]  # (type name, field name)


def committed_schema() -> GraphQLSchema:
    return build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Document:
    text: str
    fields: frozenset[FieldRef]


@dataclass
class Walker:
    schema: GraphQLSchema
    # Literal arguments for fields that require some: {(type, field): "year: 2026"}.
    arguments: Mapping[FieldRef, str] = field(default_factory=dict)

    def _members(self, named: GraphQLNamedType) -> list[GraphQLObjectType]:
        if isinstance(named, GraphQLObjectType):
            return [named]
        if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            return list(self.schema.get_possible_types(named))
        return []

    def _field(
        self, owner: str, name: str, f: GraphQLField, depth: int, seen: set[FieldRef], alias: str = ""
    ) -> str | None:
        required = [a for a, arg in f.args.items() if is_required_argument(arg)]
        args = ""
        if required:
            if (owner, name) not in self.arguments:
                return None
            args = f"({self.arguments[(owner, name)]})"
        named = get_named_type(f.type)
        members = self._members(named)
        if not members:
            seen.add((owner, name))
            return alias + name + args
        if depth == 0:
            return None
        inner = self.selection(named, depth - 1, seen)
        if inner is None:
            return None
        seen.add((owner, name))
        return f"{alias}{name}{args} {inner}"

    def selection(self, named: GraphQLNamedType, depth: int, seen: set[FieldRef]) -> str | None:
        """`{ … }` for an object, interface or union type; None when nothing can be selected."""
        parts = []
        # Members of a union may name a field alike with another type (Notice.category
        # and Event.category): one answer key cannot hold both, so the later ones get an alias.
        types: dict[str, str] = {}
        for member in self._members(named):
            found = []
            for n, f in member.fields.items():
                alias = "" if types.setdefault(n, str(f.type)) == str(f.type) else f"{n}_{member.name}: "
                found.append(self._field(member.name, n, f, depth, seen, alias))
            chosen = " ".join(s for s in found if s)
            if chosen:
                parts.append(chosen if member is named else f"... on {member.name} {{ {chosen} }}")
        if not parts:
            return None
        return "{ __typename " + " ".join(parts) + " }"

    def root_documents(self, depth: int, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, Document | None]]:
        """One document per root query field (None when its arguments are unknown)."""
        query = self.schema.query_type
        assert query is not None
        for name, f in query.fields.items():
            if name in skip:
                continue
            seen: set[FieldRef] = set()
            selected = self._field("Query", name, f, depth, seen)
            yield name, Document("{ " + selected + " }", frozenset(seen)) if selected else None

    def node_document(self, type_name: str, global_id: str, depth: int) -> Document | None:
        """`node(id:)` for an object of a type implementing Node; None for others."""
        named = self.schema.get_type(type_name)
        node = self.schema.get_type("Node")
        assert named is not None and isinstance(node, GraphQLInterfaceType)
        if named not in self.schema.get_possible_types(node):
            return None
        seen: set[FieldRef] = {("Query", "node")}
        inner = self.selection(named, depth, seen)
        if inner is None:
            return None
        return Document(f'{{ node(id: "{global_id}") {{ ... on {type_name} {inner} }} }}', frozenset(seen))

    def reachable(self) -> set[FieldRef]:
        """Every (type, field) a query can reach, through any path."""
        query = self.schema.query_type
        assert query is not None
        found: set[FieldRef] = set()
        todo: list[GraphQLNamedType] = [query]
        visited: set[str] = set()
        while todo:
            named = todo.pop()
            if named.name in visited:
                continue
            visited.add(named.name)
            for member in self._members(named):
                todo.append(member)
                for name, f in member.fields.items():
                    found.add((member.name, name))
                    todo.append(get_named_type(f.type))
        return found
