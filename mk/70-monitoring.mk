# Monitoring: the alert rules and their promtool unit tests, the Grafana dashboard, the log-shipping config, and the
# API's real /metrics and logs under generated traffic. See docs/observability.md.
MON_RULES := charts/notejam/files/prometheus-rules.yaml
MON_RULE_TESTS := $(sort $(wildcard ops/monitoring/rules-tests/*.test.yaml))
# The dashboard's source is ops/monitoring/dashboards/notejam.mjs; its Grafana JSON is build output, never committed
# (tests/monitoring generates and checks the same JSON).
DASHBOARDS_OUT := $(BUILD)/dashboards

.PHONY: dashboard
dashboard: ## generate the Grafana dashboard to import: build/dashboards/notejam.json (from ops/monitoring/dashboards/)
	@$(ENSURE_APT) nodejs
	@node ops/monitoring/dashboards/build.mjs $(DASHBOARDS_OUT)

.PHONY: test-monitoring
TEST_SUITES += test-monitoring
test-monitoring: build ## alert rules (promtool), dashboard, log config, metrics/logs of a live API
	@$(ENSURE_APT) prometheus postgresql-15 postgresql-client-15 redis-server redis-tools python3
	@$(ENSURE_NPM) tests/monitoring
	promtool check rules $(MON_RULES)
	@# one promtool per file, two at a time (the traffic file simulates 8 days)
	printf '%s\n' $(MON_RULE_TESTS) | xargs -n1 -P2 promtool test rules
	cd tests/monitoring && node --test $(call node_reporters,test-monitoring) *.test.mjs
