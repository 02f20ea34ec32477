# Prepended to every *.tftest.hcl by tests/terraform/unit.sh (terraform test has no includes).
# The AWS provider is mocked: no credentials, no network. @REGION@/@DR_REGION@ come from the environment's tfvars.
mock_provider "aws" {
  source = "./tests/mocks"
  mock_data "aws_region" {
    defaults = { name = "@REGION@" }
  }
}

mock_provider "aws" {
  alias  = "dr"
  source = "./tests/mocks"
  mock_data "aws_region" {
    defaults = { name = "@DR_REGION@" }
  }
}

mock_provider "aws" {
  alias  = "global"
  source = "./tests/mocks"
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
}

