"""Input checks at the edge, for every `ID`, `String` and `DateTime` a request carries.

graphql-core keeps its built-in `ID` and `String` scalars to itself (they
cannot be redefined), so this module applies the one rule for each where
every value passes before any permission check or resolver runs:

- an `ID` must be a canonical global ID (`ids.parse_global_id`);
- a `String` may not hold a NUL character or a lone surrogate: PostgreSQL
  stores neither, and a string failing deep inside a query would reach the
  caller as an unexpected error with a traceback in the log;
- a `DateTime` must lie within the years 1 to 9999 once moved to UTC
  (`times.check_instant`).

Literals in the document are checked by a validation rule (so once per
document, with the validation cache); variables are walked against their
declared types on every request. A new field or argument is covered without
being named here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dateutil.parser import isoparse
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    StringValueNode,
    ValidationRule,
    type_from_ast,
)

from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import parse_global_id
from qile_api.graphql.times import check_instant


def check_text(value: object, field: str | None = None) -> None:
    if not isinstance(value, str):
        return  # graphql-core reports the wrong type itself
    if "\x00" in value:
        raise BadUserInput(f"文本中不能含有空字符（`{field or 'String'}`）", field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadUserInput(f"文本中含有无效的 Unicode 字符（`{field or 'String'}`）", field=field) from None


def check_leaf(type_name: str, value: object, field: str | None) -> None:
    if type_name == "ID":
        parse_global_id(value, field)
    elif type_name == "String":
        check_text(value, field)
    elif type_name == "DateTime" and isinstance(value, str):
        try:
            # The scalar's own parser, so both read a value the same way.
            parsed = isoparse(value)
        except (ValueError, OverflowError):
            return  # the scalar reports what it cannot read
        check_instant(parsed, field)


def _bad_input(error: BadUserInput, node: Any = None) -> GraphQLError:
    return GraphQLError(str(error), node, extensions=error.extensions)


class LiteralInputsRule(ValidationRule):
    """`ID` and `String` literals written in the document itself."""

    def enter_string_value(self, node: StringValueNode, *_args: object) -> None:
        expected = self.context.get_input_type()
        while isinstance(expected, GraphQLNonNull | GraphQLList):
            expected = expected.of_type
        if isinstance(expected, GraphQLScalarType):
            try:
                check_leaf(expected.name, node.value, None)
            except BadUserInput as error:
                self.report_error(_bad_input(error, node))


def _walk(type_: GraphQLInputType, value: Any, path: str, errors: list[GraphQLError]) -> None:
    if value is None:
        return
    if isinstance(type_, GraphQLNonNull):
        _walk(type_.of_type, value, path, errors)
    elif isinstance(type_, GraphQLList):
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            _walk(type_.of_type, item, f"{path}[{index}]", errors)
    elif isinstance(type_, GraphQLInputObjectType):
        if isinstance(value, Mapping):
            for name, field in type_.fields.items():
                if name in value:
                    _walk(field.type, value[name], f"{path}.{name}", errors)
    elif isinstance(type_, GraphQLScalarType):
        try:
            check_leaf(type_.name, value, path)
        except BadUserInput as error:
            errors.append(_bad_input(error))


def variable_errors(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any] | None
) -> list[GraphQLError]:
    """The `ID` and `String` values among the request's variables that break the rules."""
    if not variables:
        return []
    errors: list[GraphQLError] = []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation_name is not None and (definition.name is None or definition.name.value != operation_name):
            continue
        for var in definition.variable_definitions or ():
            name = var.variable.name.value
            declared = type_from_ast(schema, var.type)
            if name in variables and declared is not None:
                _walk(declared, variables[name], name, errors)  # type: ignore[arg-type]
    return errors
