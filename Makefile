# The two commands in README.md: `make run` and `make test` (and, for developers, the quicker `make check`).
# They install the system packages they need when they are missing (Debian/Ubuntu), so a fresh machine with
# Swift needs nothing else. Running the portal needs only the build packages; the test tools (a browser, a
# PostgreSQL server, an OpenSSH server) come with `make test` alone, so a patient's `make run` never installs a
# server on her machine.

SWIFT ?= swift
BUILD_PACKAGES := libncurses-dev libsqlite3-dev libpq-dev
TEST_PACKAGES := $(BUILD_PACKAGES) tmux postgresql-15 python3-venv chromium poppler-utils openssh-server
# The real parsers the export tests check our files with (FHIR R4B models, an RFC 5545 reader), in a
# virtual environment of the tests' own; pinned so every run checks against the same versions.
VENV := .build/venv
PY_PACKAGES := fhir.resources==8.3.0 icalendar==7.3.2
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

PREFIX ?= $(HOME)/.local
# The release build links the Swift runtime and Foundation statically: a start-up 9 M instructions (13 %)
# and 5 MiB of resident memory smaller, and ten sessions on a clinic server use no more memory than with the
# shared libraries (README, "Performance"). RELEASE_FLAGS= builds against the shared runtime instead.
RELEASE_FLAGS ?= --static-swift-stdlib

.PHONY: run test check build deps test-deps venv bench bench-clinic bench-failover install install-docs manual clean

run: build
	@.build/debug/portal --demo-if-empty

test: test-deps venv
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

# The unit tests alone, for a quick turn while working: no root, no server (PostgreSQL, sshd) and no other
# program (tmux, a browser, Python). The clinic's tests (PortalClinicTests) and the commands' end-to-end tests
# (PortalCLITests) need those and run with `make test`, which runs everything.
UNIT_SKIP := --skip '^PortalClinicTests\.' --skip '^PortalCLITests\.'
check: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing $(UNIT_SKIP)

build: deps
	$(SWIFT) build --product portal

# Every performance figure beside its target (README, "Performance"): the release portal in a pseudo-terminal
# against two floors, and the in-process figures on a 10-year history. BENCH_ROUNDS=N for more rounds.
bench: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product portal
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product portal-bench
	.build/release/portal-bench

# The clinic deployment at scale (README, "Clinic mode at scale"): a private PostgreSQL cluster and a private
# sshd on 127.0.0.1 filled with BENCH_PATIENTS patients (default 10,000) and a year of history each, then the
# first Home locally and over ssh, 50 concurrent `portal log`, 50 cut ssh sessions. Needs root (it adds and
# removes Unix users); everything it makes is removed at the end, on Ctrl-C too.
BENCH_PATIENTS ?= 10000
bench-clinic: deps
	$(call install_missing,postgresql-15 openssh-server)
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product portal
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product portal-bench
	$(SUDO) .build/release/portal-bench clinic --patients $(BENCH_PATIENTS)

# A clinic losing its primary database server (README, "A standby server"): a primary and a synchronous
# standby made from deploy/, FAILOVER_PATIENTS patients logging through `portal log` for FAILOVER_SECONDS, the
# primary killed a third of the way in and the standby promoted; every acknowledged entry checked. As root.
FAILOVER_PATIENTS ?= 20
FAILOVER_SECONDS ?= 20
bench-failover: deps
	$(call install_missing,postgresql-15)
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product portal
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product portal-bench
	$(SUDO) .build/release/portal-bench failover --patients $(FAILOVER_PATIENTS) --seconds $(FAILOVER_SECONDS)

# `portal` on your PATH: the release binary and its content folder in $(PREFIX)/lib/portal, linked from
# $(PREFIX)/bin (the content must sit beside the real binary).
install: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product portal
	mkdir -p $(PREFIX)/lib/portal $(PREFIX)/bin
	rm -rf $(PREFIX)/lib/portal/portal_PortalContent.resources
	cp -R .build/release/portal_PortalContent.resources $(PREFIX)/lib/portal/
	cp .build/release/portal $(PREFIX)/lib/portal/portal
	ln -sf $(PREFIX)/lib/portal/portal $(PREFIX)/bin/portal
	@echo "Installed: $(PREFIX)/bin/portal"
	$(MAKE) --no-print-directory install-docs

# Shell completions and the man page, generated from the commands' own help by swift-argument-parser (the
# binary's --generate-completion-script, and the generate-manual tool of its generate-manual plugin), so they
# never drift from the code. Each goes where its shell or man looks under $(PREFIX).
BASH_COMPLETIONS := $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETIONS := $(PREFIX)/share/zsh/site-functions
FISH_COMPLETIONS := $(PREFIX)/share/fish/vendor_completions.d
MAN1 := $(PREFIX)/share/man/man1
# The binary and build the docs are made from: the release build `install` has just made.
PORTAL_BIN ?= .build/release/portal
MANUAL_CONFIG ?= release
MANUAL := .build/manual

install-docs: manual
	mkdir -p $(BASH_COMPLETIONS) $(ZSH_COMPLETIONS) $(FISH_COMPLETIONS) $(MAN1)
	$(PORTAL_BIN) --generate-completion-script bash > $(BASH_COMPLETIONS)/portal
	$(PORTAL_BIN) --generate-completion-script zsh > $(ZSH_COMPLETIONS)/_portal
	$(PORTAL_BIN) --generate-completion-script fish > $(FISH_COMPLETIONS)/portal.fish
	cp $(MANUAL)/portal.1 $(MAN1)/portal.1
	@echo "Installed: completions for bash, zsh and fish, and the man page (man portal)"

# The man page in $(MANUAL)/portal.1. The generate-manual tool is run directly on the binary just built, not
# through `swift package generate-manual`: that plugin builds every product again without RELEASE_FLAGS, which
# replaces the static binary in .build and doubles the build. The tool is built with the same flags, so nothing
# else is rebuilt. Two things it does not do are done around it: it drops every character outside ASCII
# ("(0–10)" became "(010)"), so the help it reads has each one spelled {U+2013}, which becomes groff's \[u2013]
# afterwards; and it leaves a blank line between two paragraphs of a command's discussion, which mdoc warns
# about, so each becomes the paragraph macro .Pp.
manual:
	$(SWIFT) build -c $(MANUAL_CONFIG) $(RELEASE_FLAGS) --product generate-manual
	rm -rf $(MANUAL) && mkdir -p $(MANUAL)/out
	printf '#!/bin/sh\n"%s" "$$@" | perl -CS -pe %s\n' "$(abspath $(PORTAL_BIN))" \
	  "'s/([^\\x00-\\x7F])/sprintf(\"{U+%04X}\", ord(\$$1))/ge'" > $(MANUAL)/portal
	chmod 755 $(MANUAL)/portal
	.build/$(MANUAL_CONFIG)/generate-manual $(MANUAL)/portal --output-directory $(MANUAL)/out
	perl -pe 's/\{U\+([0-9A-F]{4,6})\}/\\[u$$1]/g; s/^$$/.Pp/' $(MANUAL)/out/portal.1 > $(MANUAL)/portal.1

# Installs only what is missing, and says what it installs. The tests start private PostgreSQL and sshd
# servers of their own; the packages' system services are kept from starting when they are installed here
# (policy-rc.d, Debian's switch for that), so a developer's machine gets no server it did not have.
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  policy=""; \
	  if [ ! -e /usr/sbin/policy-rc.d ]; then \
	    printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee /usr/sbin/policy-rc.d >/dev/null && $(SUDO) chmod 755 /usr/sbin/policy-rc.d && policy=1; \
	  fi; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  status=$$?; \
	  if [ -n "$$policy" ]; then $(SUDO) rm -f /usr/sbin/policy-rc.d; fi; \
	  exit $$status; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PACKAGES))

test-deps:
	$(call install_missing,$(TEST_PACKAGES))

# Creates the test venv only when it is missing or lacks a package, and says so.
venv:
	@if ! $(VENV)/bin/python -c "import fhir.resources.R4B.bundle, icalendar" 2>/dev/null; then \
	  echo "Creating $(VENV) with $(PY_PACKAGES)"; \
	  python3 -m venv $(VENV) && \
	  $(VENV)/bin/pip install -q --disable-pip-version-check $(PY_PACKAGES); \
	fi

clean:
	rm -rf .build
