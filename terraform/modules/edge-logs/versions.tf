terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
      # aws.global: CloudFront's log delivery source lives in us-east-1, like the distribution's certificate.
      configuration_aliases = [aws.global]
    }
  }
}
