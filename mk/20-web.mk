# The web app (web/): a Preact SPA bundled by esbuild into web/dist/ (hashed asset names), its unit tests
# (node:test, pure modules), and end-to-end tests (tests/web/) with playwright-core driving Debian's Chromium
# against the real stack (API + PostgreSQL + Redis on free ports, tests/lib/stack.mjs).
WEB_DIR := $(ROOT)/web
WEB_E2E_DIR := $(ROOT)/tests/web
WEB_E2E_PKGS := chromium postgresql-15 postgresql-client-15 redis-server redis-tools

.PHONY: web-build test-web test-web-unit test-web-e2e
TEST_SUITES += test-web

web-build: ## build the SPA into web/dist (prints the gzipped JS+CSS size)
	@$(ENSURE_NPM) $(WEB_DIR)
	@cd $(WEB_DIR) && node build.mjs

test-web-unit: web-build ## unit tests of the SPA's pure modules (dates, API client + refresh, validation, routes)
	@cd $(WEB_DIR) && node --test --test-reporter=spec test/

test-web-e2e: web-build build ## the SPA in Debian's Chromium against the real stack; screenshots in tests/artifacts/web
	@$(ENSURE_APT) $(WEB_E2E_PKGS)
	@$(ENSURE_NPM) $(WEB_E2E_DIR)
	@cd $(WEB_E2E_DIR) && WEB_ROOT=$(WEB_DIR)/dist node --test --test-reporter=spec --test-concurrency=1 e2e.test.mjs

test-web: ## web app: build, unit tests, then end-to-end tests in Chromium
	@$(MAKE) --no-print-directory test-web-unit
	@$(MAKE) --no-print-directory test-web-e2e
