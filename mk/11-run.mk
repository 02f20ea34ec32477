# make run: the local stack (see scripts/run-local.sh).
.PHONY: run
run: build web-build docs-build ## build and serve API + SPA at http://127.0.0.1:8080 with a private PostgreSQL and Redis under .data/
	@$(ENSURE_APT) postgresql-15 postgresql-client-15 redis-server redis-tools python3
	@PORT=$(or $(PORT),8080) scripts/run-local.sh
