# Qile (齐乐). `make run` starts the system, `make test` runs every test.
# Both work on a fresh machine: they create the virtualenv and install what
# is missing (Python packages, a CJK font, PostgreSQL when DATABASE_URL is unset).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install migrate seed schema schema-check lint bench fuzz fonts clean

$(STAMP): services/api/pyproject.toml services/kiosk/pyproject.toml tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e 'services/api[embedded]' -e services/kiosk -r tests/requirements.txt
	touch $(STAMP)

install: $(STAMP) fonts

# Screens draw Chinese: make sure a CJK font is there (Debian's Noto CJK).
fonts:
	@bash infra/install-fonts.sh

run: install
	$(PY) infra/dev/run.py

test: install
	$(PY) -m pytest

migrate: install
	$(VENV)/bin/qile-api migrate

seed: install
	$(VENV)/bin/qile-api seed

schema: install
	$(VENV)/bin/qile-api schema > schema/schema.graphql

lint: install
	$(VENV)/bin/ruff check services tests infra
	$(VENV)/bin/mypy

bench: install
	$(PY) -m tests.bench

# The GraphQL fuzzing of `make test`, with many more examples per role.
fuzz: install
	QILE_FUZZ_EXAMPLES=$${QILE_FUZZ_EXAMPLES:-500} $(PY) -m pytest tests/fuzz

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
