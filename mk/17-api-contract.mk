# The API for testers and third-party clients: the reference page /api/docs (web/docs, Swagger UI bundled by esbuild
# into web/dist-docs, served by the API from NOTEJAM_DOCS_ROOT) and the contract tests generated from openapi.yaml
# by Portman into a Postman collection that Newman runs against a real stack (tests/newman/). See docs/api.md.
DOCS_DIST := $(ROOT)/web/dist-docs

.PHONY: docs-build
docs-build: ## build the API reference page (/api/docs) into web/dist-docs (its own bundle, not the SPA's)
	@$(ENSURE_NPM) $(WEB_DIR)
	@cd $(WEB_DIR) && node build-docs.mjs
