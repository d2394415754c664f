# Bangyi: the two commands are `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PRESET ?= $(if $(CI),ci,release)
# CI builds with warnings as errors in its own tree, so switching never forces a full rebuild.
BUILD_DIR := $(if $(filter ci,$(PRESET)),build-ci,build)
BIN := $(BUILD_DIR)/bangyi
DATA_DIR ?= data
PORT ?= 8080
JOBS ?= $(shell nproc)
# Service records the KPI benchmark generates (the target size is 10,000,000: about 20 minutes).
KPI_BENCH_RECORDS ?= 1000000
export CCACHE_DIR ?= $(CURDIR)/.ccache
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: run test deps build build-server build-web test-cpp test-web test-e2e bench clean format

run: build
	$(BIN) seed-demo --data-dir $(DATA_DIR) --if-empty --quiet
	exec $(BIN) serve --data-dir $(DATA_DIR) --port $(PORT)

test: build
	$(MAKE) test-cpp test-web test-e2e
	@echo "make test: all suites passed"

deps:
	bash scripts/install-deps.sh

build: deps build-server build-web

build-server:
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake --preset $(PRESET) >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS)

build-web:
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

# Unit tests, then the API suite on SQLite and on a throwaway PostgreSQL cluster.
test-cpp: build-server
	bash scripts/with-postgres.sh ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

test-web:
	@if [ -f web/package.json ]; then cd web && npm run test:unit; fi

test-e2e:
	@if [ -f tests/e2e/run.sh ]; then BANGYI_BIN=$(CURDIR)/$(BIN) bash tests/e2e/run.sh; fi

bench: build
	BUILD_DIR=$(BUILD_DIR) bash bench/run_http_bench.sh
	$(BUILD_DIR)/bench/pairing_bench 10000 200
	$(BUILD_DIR)/bench/kpi_bench $(KPI_BENCH_RECORDS) 200

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD_DIR)
