"""Assessment tests: their own tables emptied, the standard as seeded, before each test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.api import staff
from tests.api.conftest import Api

ASSESSMENT_TABLES = "selections, recognitions, attestations"


@pytest.fixture(autouse=True)
async def clean_assessment(api: Api) -> AsyncIterator[None]:
    await api.db.execute(f"TRUNCATE {ASSESSMENT_TABLES} RESTART IDENTITY CASCADE")
    # Assessments are for staff: these tests read them as a city reviewer.
    api.default_token = await staff.staff(api.db, "city", "REVIEWER", "淄博市")
    # Tests revise the standard; every test starts from the one the migration wrote.
    saved = await api.db.fetch("SELECT * FROM assessment_criteria")
    yield
    await api.db.execute(f"TRUNCATE {ASSESSMENT_TABLES} RESTART IDENTITY CASCADE")
    await api.db.execute("DELETE FROM assessment_criteria")
    columns = list(saved[0].keys())
    await api.db.executemany(
        f"INSERT INTO assessment_criteria ({', '.join(columns)}) "
        f"VALUES ({', '.join(f'${i + 1}' for i in range(len(columns)))})",
        [tuple(r.values()) for r in saved],
    )
