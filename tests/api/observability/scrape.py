"""Reading /metrics as Prometheus does (prometheus-client's own parser)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from prometheus_client.parser import text_string_to_metric_families

Key = tuple[str, frozenset[tuple[str, str]]]


@dataclass(frozen=True)
class Scrape:
    samples: dict[Key, float]

    @classmethod
    def parse(cls, text: str) -> Scrape:
        samples: dict[Key, float] = {}
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
        return cls(samples)

    def names(self) -> set[str]:
        return {name for name, _ in self.samples}

    def total(self, name: str, **labels: str) -> float:
        """The sum over every series of `name` whose labels include `labels`."""
        wanted = set(labels.items())
        return sum(v for (n, ls), v in self.samples.items() if n == name and wanted <= ls)

    def series(self, name: str) -> list[dict[str, str]]:
        return [dict(ls) for n, ls in self.samples if n == name]

    def minus(self, before: Scrape) -> Scrape:
        """What moved since `before` (a series new since then counts from 0)."""
        return Scrape({key: value - before.samples.get(key, 0.0) for key, value in self.samples.items()})


def parse_response(response: httpx.Response) -> Scrape:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return Scrape.parse(response.text)


async def scrape(client: httpx.AsyncClient) -> Scrape:
    return parse_response(await client.get("/metrics"))
