# The API for testers and third-party clients: the reference page /api/docs (web/docs, Swagger UI bundled by esbuild
# into web/dist-docs, served by the API from NOTEJAM_DOCS_ROOT) and the contract tests generated from openapi.yaml
# by Portman into a Postman collection that Newman runs against a real stack (tests/newman/). See docs/api.md.
DOCS_DIST := $(ROOT)/web/dist-docs

.PHONY: docs-build
docs-build: ## build the API reference page (/api/docs) into web/dist-docs (its own bundle, not the SPA's)
	@$(ENSURE_NPM) $(WEB_DIR)
	@cd $(WEB_DIR) && node build-docs.mjs

# Contract tests: Portman generates the collection from openapi.yaml, Newman runs it against a real stack.
NEWMAN_DIR := $(ROOT)/tests/newman
API_COLLECTION := $(BUILD)/api-collection/notejam.postman_collection.json

.PHONY: newman-deps api-collection test-api-contract
newman-deps:
	@$(ENSURE_APT) postgresql-15 postgresql-client-15 redis-server redis-tools
	@$(ENSURE_NPM) $(NEWMAN_DIR)

api-collection: newman-deps ## generate the Postman collection of contract and negative tests (build/api-collection/) for API testers
	@cd $(NEWMAN_DIR) && node generate.mjs $(API_COLLECTION)

TEST_SUITES += test-api-contract
test-api-contract: build newman-deps ## Portman-generated contract and negative tests of every operation, run by Newman against a real stack
	@cd $(NEWMAN_DIR) && node --test $(call node_reporters,test-api-contract) contract.test.mjs
