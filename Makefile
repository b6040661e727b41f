# Creator Studio: `make run` and `make test` install whatever is missing
# (apt packages, npm packages, Rust tools), then build and run or test.
# Idempotent and quick when nothing is missing; works as root or, through
# sudo, as a normal user.

SHELL := /bin/bash
.DEFAULT_GOAL := run

export CARGO_TARGET_DIR ?= $(CURDIR)/target
BIN := $(CARGO_TARGET_DIR)/debug
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(PATH)

# What Tauri needs to build on Debian, and what the end-to-end tests need.
APT_PACKAGES := build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev \
	librsvg2-dev libayatana-appindicator3-dev xvfb xauth dbus-x11 webkit2gtk-driver \
	fonts-noto-cjk openssl python3-venv libdbus-1-dev gnome-keyring libvips-tools \
	lintian desktop-file-utils rpmlint rpm

TAURI_DRIVER_VERSION := 2.1.0

.PHONY: run test deps apt-deps npm-deps rust-tools ui build bindings test-rust test-ui e2e dist bench clean

## Install what is missing, build, and start the app.
run: deps build
	$(BIN)/creator-studio $(ARGS)

## Install what is missing, then run every test: Rust, UI, installers, end to end.
test: deps ui test-rust test-ui dist e2e

deps: apt-deps npm-deps rust-tools

apt-deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing apt packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

NODE_SDK := crates/alipay-emulator/tests/sdk/node
PYTHON_SDK := crates/alipay-emulator/tests/sdk/python

npm-deps: ui/node_modules/.installed $(NODE_SDK)/node_modules/.installed $(PYTHON_SDK)/.venv/.installed

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The official Alipay Python SDK (from PyPI, in its own venv), likewise.
$(PYTHON_SDK)/.venv/.installed: $(PYTHON_SDK)/requirements.txt
	python3 -m venv $(PYTHON_SDK)/.venv
	$(PYTHON_SDK)/.venv/bin/pip install --quiet --disable-pip-version-check -r $(PYTHON_SDK)/requirements.txt
	touch $@

# The official Alipay Node SDK, for the emulator's interoperability test.
$(NODE_SDK)/node_modules/.installed: $(NODE_SDK)/package.json $(NODE_SDK)/package-lock.json
	cd $(NODE_SDK) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

rust-tools:
	@command -v tauri-driver >/dev/null && tauri-driver --help >/dev/null 2>&1 || \
		cargo install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked
	@command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked

## Build the web UI into ui/dist (embedded into the app binary).
ui: npm-deps
	cd ui && npm run build --silent

# Every cargo command builds the whole workspace with all targets, so they
# all resolve the same features and share one set of compiled dependencies.
WORKSPACE := --workspace

## Build the app and the CLI (and the tests, so features match `make test`).
build: ui
	cargo build $(WORKSPACE) --all-targets

## Regenerate the TypeScript bindings in ui/src/api from the Rust types.
bindings: ui
	UPDATE_BINDINGS=1 cargo nextest run $(WORKSPACE) -E 'test(typescript_bindings_are_up_to_date)'

## Inside a D-Bus session with a fresh, unlocked gnome-keyring-daemon (a
## throwaway keyring), so the keychain test talks to a real Secret Service.
test-rust: ui npm-deps
	dbus-run-session -- sh -c 'export XDG_DATA_HOME=$$(mktemp -d) && \
		printf "throwaway" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
		STUDIO_KEYCHAIN_TEST=1 cargo nextest run $(WORKSPACE) --no-fail-fast -E "not package(studio-e2e)"'

test-ui: npm-deps
	cd ui && npx vitest run

## The real app window under Xvfb, driven by tauri-driver + WebKitWebDriver.
e2e: build dist
	NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- \
		cargo nextest run $(WORKSPACE) --test-threads 1 --no-fail-fast -E 'package(studio-e2e)'

## Release installers (.deb and .rpm) into $(CARGO_TARGET_DIR)/dist.
dist: deps ui
	packaging/dist.sh

## Every benchmark, each printing its baseline from the same run; the
## tables go to $(CARGO_TARGET_DIR)/bench. The start benchmark builds the
## bare Tauri window in bench/hello (same Tauri, same release profile) and
## compares the release app against it, alternating the two.
bench: deps ui dist
	cargo build --release --locked --manifest-path bench/hello/Cargo.toml
	BENCH_QUICK=1 BENCH_DIR=$${BENCH_DIR:-/var/tmp} cargo bench -p studio-store --bench library
	cargo bench -p studio-store --bench calendar
	cargo bench -p studio-sync --bench outbox
	cargo bench -p studio-api --bench idle
	NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- \
		cargo nextest run $(WORKSPACE) --test-threads 1 --no-fail-fast --run-ignored ignored-only \
		-E 'package(studio-e2e) & (binary(start_bench) | binary(calendar_bench))'
	@cat $(CARGO_TARGET_DIR)/bench/*.md

clean:
	rm -rf ui/dist ui/node_modules
