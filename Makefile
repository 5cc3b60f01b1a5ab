# Qile (齐乐). `make run` starts the system, `make test` runs every test.
# Both work on a fresh machine: they create the virtualenv and install what
# is missing (Python packages, a CJK font, PostgreSQL when DATABASE_URL is unset),
# and build the staff console (services/console, with Node.js and npm) when it
# is missing or older than its sources. `make` alone does the installing and building.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PERSISTED := services/api/qile_api/graphql/persisted
STAMP := $(VENV)/.installed

CONSOLE := services/console
CONSOLE_DEPS := $(CONSOLE)/node_modules/.qile-installed
CONSOLE_BUILD := $(CONSOLE)/dist/index.html
# Everything the build reads (the kiosk fonts' coverage too: the preview draws 〓 from it);
# the generated src/gql/ is an output, not a source.
CONSOLE_SOURCES := $(shell find $(CONSOLE)/src $(CONSOLE)/graphiql $(CONSOLE)/public -type f -not -path '*/src/gql/*' 2>/dev/null) \
	$(wildcard $(CONSOLE)/*.ts $(CONSOLE)/*.json $(CONSOLE)/index.html) schema/schema.graphql \
	services/api/qile_api/kiosk_coverage.json

.PHONY: all run test install console browser migrate seed schema schema-check lint bench fuzz soak fonts clean

all: install console

$(STAMP): services/api/pyproject.toml services/kiosk/pyproject.toml tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e 'services/api[embedded]' -e services/kiosk -r tests/requirements.txt
	touch $(STAMP)

install: $(STAMP) fonts

# The staff console, served by the API under /console/ (and GraphiQL's assets).
console: $(CONSOLE_BUILD)

$(CONSOLE_DEPS): $(CONSOLE)/package.json $(CONSOLE)/package-lock.json
	@bash infra/check-node.sh
	cd $(CONSOLE) && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Codegen checks every document against schema/schema.graphql, vue-tsc the types:
# a console that drifted from the API does not build.
$(CONSOLE_BUILD): $(CONSOLE_DEPS) $(CONSOLE_SOURCES)
	cd $(CONSOLE) && npm run --silent build
	touch $@

# The console's end-to-end tests drive Debian's chromium (never a downloaded browser).
browser:
	@bash infra/install-chromium.sh >/dev/null

# Screens draw Chinese: make sure a CJK font is there (Debian's Noto CJK).
fonts:
	@bash infra/install-fonts.sh

run: install console
	$(PY) infra/dev/run.py

test: install console browser
	$(PY) -m pytest

migrate: install
	$(VENV)/bin/qile-api migrate

seed: install
	$(VENV)/bin/qile-api seed

schema: install
	$(VENV)/bin/qile-api schema > schema/schema.graphql
	@# The API knows the kiosk's feed document by its hash (GET polling): the same bytes.
	$(PY) -c 'from pathlib import Path; from qile_kiosk.documents import SCREEN_FEED; Path("$(PERSISTED)/ScreenFeed.graphql").write_text(SCREEN_FEED, encoding="utf-8")'

lint: install
	$(VENV)/bin/ruff check services tests infra
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-logo

bench: install
	$(PY) -m tests.bench

# The GraphQL fuzzing of `make test`, with many more examples per role.
fuzz: install
	QILE_FUZZ_EXAMPLES=$${QILE_FUZZ_EXAMPLES:-500} $(PY) -m pytest tests/fuzz

# A kiosk living a compressed day and the API under steady polling, for
# QILE_SOAK_SECONDS each (ten minutes unless set); `make test` runs them for 30 s.
soak: install
	QILE_SOAK_SECONDS=$${QILE_SOAK_SECONDS:-600} $(PY) -m pytest -s -rA tests/soak

# Fault injection at full size (tests/faults): PostgreSQL stopped and crashed under writes, the API
# killed and stalled, kiosks killed mid-write, their disk filled, their clock jumped, their answers
# spoilt, their network slowed. `make test` runs a small part; measured times: .data/faults/measured.json.
.PHONY: faults
faults: install
	QILE_FAULTS=long $(PY) -m pytest -rs tests/faults

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(CONSOLE)/node_modules $(CONSOLE)/dist $(CONSOLE)/src/gql
