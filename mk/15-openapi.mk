# OpenAPI contract: `redocly lint` of openapi.yaml, the spec's own rules, and the tests of the response validator
# tests/lib/openapi-validator.mjs that the API integration suite uses (node:test, no servers).
.PHONY: openapi-deps lint-openapi test-openapi
TEST_SUITES += test-openapi

openapi-deps: ## install tests/ npm tools (redocly, ajv, yaml) for the contract suite and the response validator
	@$(ENSURE_NPM) $(ROOT)/tests

lint-openapi: openapi-deps ## redocly lint openapi.yaml with redocly.yaml
	@cd $(ROOT)/tests && REDOCLY_TELEMETRY=off ./node_modules/.bin/redocly lint --config $(ROOT)/redocly.yaml $(ROOT)/openapi.yaml

test-openapi: openapi-deps ## the OpenAPI contract suite (lint, spec rules, validator tests)
	@cd $(ROOT)/tests && node --test $(call node_reporters,test-openapi) contract/
