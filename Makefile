# l2lab developer entry points. `make demo` and `make test` do all set-up themselves on a fresh
# Debian/Ubuntu machine (as root, or with sudo): missing system libraries via apt-get, a .venv,
# and an editable install of the package with its test extras.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
JOBS ?= $(shell nproc)
FUZZ_CI_SECONDS ?= 10
FUZZ_SECONDS ?= 300
# Compile flags of the C++ test and fuzz builds (their CMake build type is RelWithDebInfo).
# No debug info in the tests (about 30 % less compile time in `make test`; pass
# CPP_TEST_FLAGS="-O2 -g -DNDEBUG" to debug one), line tables only for the fuzz targets (enough
# for the sanitizers' symbolized reports).
CPP_TEST_FLAGS ?= -O2 -DNDEBUG
FUZZ_FLAGS ?= -O2 -gline-tables-only -DNDEBUG
APT_PACKAGES := build-essential pkg-config \
  libboost-dev libssl-dev libsecp256k1-dev librapidcheck-dev libgtest-dev libgmock-dev \
  libbenchmark-dev libzstd-dev libbrotli-dev clang-14 libclang-rt-14-dev
CPP_BUILD := build/cpp
FUZZ_BUILD := build/fuzz
BENCH_BUILD := build/bench

.PHONY: help deps venv install demo tour test test-cpp test-python test-slow fuzz fuzz-ci fuzz-build bench \
  stubs clean

help:
	@echo "make demo | tour | test | test-slow | fuzz | bench | stubs | clean"

# System libraries: install only what is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VPY):
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q "scikit-build-core>=0.10" "pybind11>=2.12" cmake ninja

venv: deps $(VPY)

# Editable install; the CMake build dir is kept under build/ so re-running is incremental.
install: venv
	$(VPY) -m pip install -q --no-build-isolation -e ".[test,sweep]"

# The attack suite: every scenario over 3 seeds, summary table, report in l2lab-report/.
demo: install
	$(VPY) -m l2lab.cli run --seeds 3 --out l2lab-report

# A short tour of the simulated L1 (accounts, transfers, a Python contract, snapshots, gas).
tour: install
	$(VPY) -m l2lab.demo

test: install test-cpp test-python fuzz-ci

test-cpp: deps
	cmake -S . -B $(CPP_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(CPP_TEST_FLAGS)" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$(CPP_TEST_FLAGS)" \
	  -DL2LAB_BUILD_TESTS=ON -DL2LAB_BUILD_PYTHON=OFF -DL2LAB_VERIFY=ON
	cmake --build $(CPP_BUILD) -j $(JOBS)
	ctest --test-dir $(CPP_BUILD) --output-on-failure -j $(JOBS)

test-python: install
	$(VPY) -m pytest -q -m "not slow" -p no:cacheprovider

test-slow: install
	L2LAB_HYPOTHESIS_PROFILE=deep $(VPY) -m pytest -q -p no:cacheprovider

$(FUZZ_BUILD)/build.ninja:
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(FUZZ_FLAGS)" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$(FUZZ_FLAGS)" \
	  -DL2LAB_BUILD_FUZZ=ON -DL2LAB_BUILD_PYTHON=OFF -DL2LAB_SANITIZE=ON

fuzz-build: deps $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS)

# Each libFuzzer target runs from its seed corpus (copied, so seeds stay clean): FUZZ_CI_SECONDS
# each in `make test` (fuzz-ci, kept short for the CI budget), FUZZ_SECONDS each in `make fuzz`.
fuzz-ci: FUZZ_RUN_SECONDS = $(FUZZ_CI_SECONDS)
fuzz: FUZZ_RUN_SECONDS = $(FUZZ_SECONDS)
fuzz-ci fuzz: fuzz-build
	@set -e; for t in $(FUZZ_BUILD)/fuzz/fuzz_*; do \
	  name=$$(basename $$t); corpus=fuzz/corpus-run/$$name; mkdir -p $$corpus; \
	  [ -d fuzz/corpus/$$name ] && cp -n fuzz/corpus/$$name/* $$corpus/ 2>/dev/null || true; \
	  echo "fuzz $$name for $(FUZZ_RUN_SECONDS) s"; \
	  log=fuzz/corpus-run/$$name.log; \
	  if $$t -max_total_time=$(FUZZ_RUN_SECONDS) -timeout=3 -rss_limit_mb=2048 -print_final_stats=1 \
	      -artifact_prefix=fuzz/corpus-run/$$name- $$corpus > $$log 2>&1; then tail -n 4 $$log; \
	  else tail -n 80 $$log; echo "fuzz $$name FAILED: reproduce with $$t fuzz/corpus-run/$$name-crash-*"; \
	    exit 1; fi; \
	done

bench: install
	cmake -S . -B $(BENCH_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DL2LAB_BUILD_BENCH=ON \
	  -DL2LAB_BUILD_PYTHON=OFF
	cmake --build $(BENCH_BUILD) -j $(JOBS)
	$(VPY) -m l2lab.cli bench --native-dir $(BENCH_BUILD)/bench

stubs: install
	rm -rf python/l2lab/_core
	$(VPY) -m pybind11_stubgen l2lab._core -o python --enum-class-locations "TxKind:l2lab._core.rollup"

clean:
	rm -rf build $(VENV) fuzz/corpus-run
