# make run: the local stack (see scripts/run-local.sh).
.PHONY: run
run: build ## build and serve API + SPA at http://127.0.0.1:8080 with a private PostgreSQL and Redis under .data/
	@$(ENSURE_APT) postgresql-15 postgresql-client-15 redis-server redis-tools python3
	@if [ -f web/package.json ] && grep -q '^web-build:' mk/*.mk; then $(MAKE) --no-print-directory web-build; fi
	@if [ -f web/build-docs.mjs ] && grep -q '^docs-build:' mk/*.mk; then $(MAKE) --no-print-directory docs-build; fi
	@PORT=$(or $(PORT),8080) scripts/run-local.sh
