# Terraform for AWS (terraform/): offline checks — fmt, hard-coded value scan, init+validate from the local
# provider mirror, mocked `terraform test` per environment, apply+destroy against moto_server.
.PHONY: test-terraform
TEST_SUITES += test-terraform

test-terraform: ## Terraform: fmt, static scan, validate, mocked terraform test (dev/test/prod/prod-dr, 3 regions), moto
	@$(ENSURE_APT) ca-certificates
	@$(ROOT)/tests/terraform/run.sh
