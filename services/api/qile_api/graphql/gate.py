"""The gate every document passes before it executes: size, cost, validity, inputs.

One extension does, in this order, what would otherwise be five:
1. refuse a document longer than `max_query_bytes` and parse with a token
   cap (both bound the parser's work);
2. measure the fragment-expanded document (depth, aliases, estimated cost,
   see `cost.py`) and refuse it, naming the limit, before validation: the
   expensive part of an abusive document is what it expands to;
3. validate it with the specified rules plus the literal input checks.
   Steps 1-3 run in one worker thread of their own: a document seen for the
   first time waits its turn there and cannot hold up the event loop, where
   screens' polls (whose documents are cached) go on being answered;
4. check the request's variables (`inputs.py`).

Steps 1-3 depend on the document's text only: their result is kept in one
LRU shared by every request of the process, so the few documents screens
and the console send all day are parsed, measured and validated once.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from qile_api.graphql.cost import Limits, exceeded, measure
from qile_api.graphql.inputs import LiteralInputsRule, variable_errors

TOO_COMPLEX = "QUERY_TOO_COMPLEX"
_LIMIT_WORDS = {
    "depth": "嵌套深度",
    "aliases": "别名数量",
    "fields": "字段数量",
    "cost": "估算开销",
    "bytes": "查询长度",
}


def limit_error(limit: str, allowed: int, found: int) -> GraphQLError:
    return GraphQLError(
        f"查询超出限制：{_LIMIT_WORDS[limit]} {found}，上限 {allowed}（query exceeds the {limit} limit)",
        extensions={"code": TOO_COMPLEX, "limit": limit, "allowed": allowed, "found": found},
    )


def _coded(error: GraphQLError, code: str) -> GraphQLError:
    """Give a syntax or validation error the code clients branch on (as Apollo names them)."""
    if not error.extensions or "code" not in error.extensions:
        error.extensions = {**(error.extensions or {}), "code": code}
    return error


@dataclass(frozen=True)
class _Checked:
    document: DocumentNode
    errors: list[GraphQLError]  # from the limits or validation; empty when it may run


@dataclass
class DocumentCache:
    """Parsed, measured and validated documents by their text, shared by all requests."""

    limits: Limits
    max_tokens: int
    max_bytes: int
    size: int = 256
    schema: GraphQLSchema | None = None  # strawberry's built schema, set by the first request
    # How often each step really ran (tests read these to prove the cache hits).
    parses: int = 0
    validations: int = 0
    executions: int = 0
    _entries: OrderedDict[str, _Checked] = field(default_factory=OrderedDict)
    _worker: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="qile-documents")
    )

    def close(self) -> None:
        """At shutdown: drop queued documents so the process can exit at once."""
        self._worker.shutdown(wait=False, cancel_futures=True)

    async def checked(self, query: str, rules: tuple[type, ...]) -> _Checked:
        """The document and what stops it from running; work on a new text happens in the worker."""
        entry = self._entries.get(query)
        if entry is not None:
            self._entries.move_to_end(query)
            return entry
        if len(query) > self.max_bytes:
            raise limit_error("bytes", self.max_bytes, len(query))
        # Parsing, measuring and validating a text nobody sent before is CPU
        # work an attacker chooses: it waits its turn in the one worker
        # thread, while the loop goes on answering cached documents (polls).
        entry = await asyncio.get_running_loop().run_in_executor(self._worker, self._check, query, rules)
        self._entries[query] = entry
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return entry

    def _check(self, query: str, rules: tuple[type, ...]) -> _Checked:
        assert self.schema is not None
        self.parses += 1
        try:
            document = parse(query, max_tokens=self.max_tokens)
        except GraphQLError as error:
            raise _coded(error, "GRAPHQL_PARSE_FAILED") from None
        found = measure(self.schema, document, self.limits)
        over = exceeded(found, self.limits) if found is not None else []
        if over:
            return _Checked(document, [limit_error(*o) for o in over])
        self.validations += 1
        errors = validate_document(self.schema, document, (*rules, LiteralInputsRule))
        for e in errors:
            # A literal a scalar refused (a date past year 9999 in UTC) comes
            # with the scalar's ValueError attached; it is still about the
            # request, so it is shown, not masked as a fault of ours.
            e.original_error = None
        return _Checked(document, [_coded(e, "GRAPHQL_VALIDATION_FAILED") for e in errors])


class DocumentGate(SchemaExtension):
    def __init__(self, cache: DocumentCache) -> None:
        super().__init__()
        self.cache = cache
        self.entry: _Checked | None = None

    async def on_parse(self) -> AsyncIterator[None]:  # type: ignore[override]
        ctx = self.execution_context
        if ctx.query is not None and ctx.graphql_document is None:
            self.cache.schema = ctx.schema._schema
            self.entry = await self.cache.checked(ctx.query, tuple(ctx.validation_rules))
            ctx.graphql_document = self.entry.document
        yield

    async def on_validate(self) -> AsyncIterator[None]:  # type: ignore[override]
        ctx = self.execution_context
        if self.entry is not None:
            errors = self.entry.errors or variable_errors(
                ctx.schema._schema, self.entry.document, ctx.operation_name, ctx.variables
            )
            # Setting the errors (even none) tells strawberry validation is done.
            ctx.pre_execution_errors = list(errors)
        yield

    def on_execute(self) -> Iterator[None]:  # type: ignore[override]
        self.cache.executions += 1
        yield
