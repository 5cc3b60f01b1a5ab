"""Introspection off in production: `__schema` and `__type` refused unless QILE_INTROSPECTION is on.

`__typename` stays: clients use it to tell the members of a union apart, and
it says nothing about the schema beyond the type of an object they already got.
"""

from __future__ import annotations

from typing import Any

from graphql import FieldNode, GraphQLError, ValidationRule

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


class NoIntrospection(ValidationRule):
    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value in INTROSPECTION_FIELDS:
            self.report_error(
                GraphQLError(
                    f"此服务未开放架构查询（{node.name.value}）：请使用项目中的 schema/schema.graphql"
                    " (introspection is disabled on this server; use the committed schema)",
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )
