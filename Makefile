# Notejam — the two commands a newcomer needs are `make run` and `make test` (see README.md).
# Each concern keeps its targets in mk/NN-<concern>.mk; every suite there appends itself to TEST_SUITES.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ROOT := $(abspath .)
BUILD := $(ROOT)/build
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null | sed 's/^v//' || echo 0.0.0-dev)
COMMIT ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
BUILD_TIME ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
ENSURE_APT := $(ROOT)/scripts/ensure-apt.sh
ENSURE_NPM := $(ROOT)/scripts/ensure-npm.sh
TEST_SUITES :=
# node:test output: the spec reporter on the console and, in CI (JUNIT_DIR set by ci/bin/job-setup.sh), a JUnit file
# $(JUNIT_DIR)/<name>.xml that GitLab shows in merge requests. Usage: node --test $(call node_reporters,test-foo) ...
node_reporters = --test-reporter=spec --test-reporter-destination=stdout$(if $(JUNIT_DIR), --test-reporter=junit --test-reporter-destination=$(JUNIT_DIR)/$(1).xml)

include $(sort $(wildcard mk/*.mk))

.PHONY: help test
help: ## list the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

test: ## install what is missing and run every test suite (what .ci/run calls)
	@$(ROOT)/scripts/run-suites.sh $(TEST_SUITES)
