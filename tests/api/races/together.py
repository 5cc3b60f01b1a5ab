"""Concurrent requests that meet at the statement deciding the race, so the race is certain.

`asyncio.gather` alone starts requests together, but one may well finish its
transaction before the next begins: a test that races that way passes with or
without the lock it means to prove. `Rendezvous` holds each request at the
decisive call (the `SELECT … FOR UPDATE`, the counting upsert) until all of
them have arrived, each on its own pooled connection and, where the code opens
one, in its own transaction; then lets them go at once. Without the lock (or
the atomic statement) every one of them would see the same state and succeed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from qile_api.db.database import Database, Transaction

# Requests held inside a transaction each hold a pooled connection (ten in the
# tests' pool): hold fewer than that, or the last ones could never start.
MAX_IN_TRANSACTION = 8


class Rendezvous:
    def __init__(self, parties: int, timeout: float = 10.0) -> None:
        self.parties = parties
        self.timeout = timeout
        self.arrived = 0
        self._barrier = asyncio.Barrier(parties)

    def hold(
        self,
        monkeypatch: pytest.MonkeyPatch,
        owner: object,
        name: str,
        when: Callable[..., bool] = lambda *args, **kwargs: True,
    ) -> None:
        """Hold the first `parties` calls of `owner.name` (those `when` picks) until all have come."""
        original: Callable[..., Awaitable[Any]] = getattr(owner, name)

        async def held(*args: Any, **kwargs: Any) -> Any:
            if self.arrived < self.parties and when(*args, **kwargs):
                self.arrived += 1
                await self._meet(name)
            return await original(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)

    def hold_transactions(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Hold the first `parties` transactions, once begun, until all are open: their first reads meet."""
        original = Database.transaction

        @asynccontextmanager
        async def held(db: Database) -> AsyncIterator[Transaction]:
            async with original(db) as tx:
                if self.arrived < self.parties:
                    self.arrived += 1
                    await self._meet("a transaction")
                yield tx

        monkeypatch.setattr(Database, "transaction", held)

    async def _meet(self, where: str) -> None:
        try:
            await asyncio.wait_for(self._barrier.wait(), self.timeout)
        except TimeoutError:
            raise AssertionError(f"only {self.arrived} of {self.parties} requests reached {where}") from None

    async def run(self, *calls: Awaitable[Any]) -> list[Any]:
        """Send every call at once; each must have met the others at the held call."""
        results = list(await asyncio.gather(*calls))
        assert self.arrived == self.parties, f"{self.arrived} of {self.parties} requests met: no race happened"
        return results
