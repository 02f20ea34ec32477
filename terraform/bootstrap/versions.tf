terraform {
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }

  # Local state on purpose: this root creates the bucket every other state lives in.
  # Keep its terraform.tfstate with the account's runbooks (it holds no secrets).
}
