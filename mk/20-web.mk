# The web app (web/): a Preact SPA bundled by esbuild into web/dist/ (hashed asset names), its unit tests
# (node:test, pure modules), and end-to-end tests (tests/web/) with playwright-core driving Debian's Chromium
# against the real stack (API + PostgreSQL + Redis on free ports, tests/lib/stack.mjs). See docs/web.md.
WEB_DIR := $(ROOT)/web
WEB_E2E_DIR := $(ROOT)/tests/web
WEB_E2E_PKGS := chromium postgresql-15 postgresql-client-15 redis-server redis-tools
WEB_UNIT_RUN := cd $(WEB_DIR) && node --test $(call node_reporters,test-web-unit) test/
WEB_E2E_RUN := cd $(WEB_E2E_DIR) && WEB_ROOT=$(WEB_DIR)/dist DOCS_ROOT=$(WEB_DIR)/dist-docs \
               node --test $(call node_reporters,test-web-e2e) --test-concurrency=1 e2e.test.mjs

.PHONY: web-build test-web test-web-unit test-web-e2e web-e2e-deps
TEST_SUITES += test-web

web-build: ## build the SPA into web/dist (prints the gzipped JS+CSS size)
	@$(ENSURE_NPM) $(WEB_DIR)
	@cd $(WEB_DIR) && node build.mjs

web-e2e-deps:
	@$(ENSURE_APT) $(WEB_E2E_PKGS)
	@$(ENSURE_NPM) $(WEB_E2E_DIR)

test-web: web-build docs-build build web-e2e-deps ## web app: build, unit tests, then end-to-end tests in Debian's Chromium
	@$(WEB_UNIT_RUN)
	@$(WEB_E2E_RUN)

test-web-unit: web-build ## unit tests of the SPA's pure modules (dates, API client + refresh, validation, routes)
	@$(WEB_UNIT_RUN)

test-web-e2e: web-build docs-build build web-e2e-deps ## the SPA in Chromium against the real stack; screenshots in tests/artifacts/web
	@$(WEB_E2E_RUN)
