# Optional custom domain: a certificate in us-east-1 for CloudFront (the site's name plus
# dns.alternative_names, e.g. the primary's name a DR copy takes over), a regional one for the ALB origin name,
# both validated through records in the Route 53 zone dns.zone_id, where the alias records are created too.
# Without a zone the plan stops at once with a clear message: ACM would otherwise wait for a record nobody
# creates (75 minutes, then a stale state lock).

locals {
  site_names = local.custom_domain ? concat([var.dns.domain_name], try(var.dns.alternative_names, [])) : []
  zone_error = "dns.domain_name is set without dns.zone_id: ACM can only validate the certificates through a Route 53 zone that Terraform writes records into. Create or delegate the zone first and set dns.zone_id (terraform/README.md, \"Traffic path\")."
}

resource "aws_acm_certificate" "site" {
  count    = local.custom_domain ? 1 : 0
  provider = aws.global

  domain_name               = var.dns.domain_name
  subject_alternative_names = try(var.dns.alternative_names, [])
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
    precondition {
      condition     = local.use_route53
      error_message = local.zone_error
    }
  }
}

resource "aws_acm_certificate" "origin" {
  count = local.custom_domain ? 1 : 0

  domain_name       = local.origin_host
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
    precondition {
      condition     = local.use_route53
      error_message = local.zone_error
    }
  }
}

locals {
  # One validation record per name, keyed by names known before apply.
  validations = local.use_route53 ? merge(
    { for n in local.site_names : "site ${n}" => one([for o in aws_acm_certificate.site[0].domain_validation_options : o if o.domain_name == n]) },
    { "origin ${local.origin_host}" = one([for o in aws_acm_certificate.origin[0].domain_validation_options : o if o.domain_name == local.origin_host]) },
  ) : {}
}

resource "aws_route53_record" "validation" {
  for_each = local.validations

  zone_id         = var.dns.zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "site" {
  count    = local.custom_domain ? 1 : 0
  provider = aws.global

  certificate_arn         = aws_acm_certificate.site[0].arn
  validation_record_fqdns = [for n in local.site_names : aws_route53_record.validation["site ${n}"].fqdn]

  timeouts {
    create = "30m" # records in a zone we write validate in minutes; longer means the zone is not delegated
  }
}

resource "aws_acm_certificate_validation" "origin" {
  count = local.custom_domain ? 1 : 0

  certificate_arn         = aws_acm_certificate.origin[0].arn
  validation_record_fqdns = [aws_route53_record.validation["origin ${local.origin_host}"].fqdn]

  timeouts {
    create = "30m"
  }
}

resource "aws_route53_record" "site" {
  for_each = local.use_route53 ? toset(["A", "AAAA"]) : toset([])

  zone_id = var.dns.zone_id
  name    = var.dns.domain_name
  type    = each.key

  alias {
    name                   = aws_cloudfront_distribution.this.domain_name
    zone_id                = aws_cloudfront_distribution.this.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "origin" {
  count = local.use_route53 ? 1 : 0

  zone_id = var.dns.zone_id
  name    = local.origin_host
  type    = "A"

  alias {
    name                   = aws_lb.api.dns_name
    zone_id                = aws_lb.api.zone_id
    evaluate_target_health = true
  }
}

# CloudFront moves an alternative name here only when a TXT record _<name> names this distribution
# (aws cloudfront associate-alias, the DR runbook's traffic switch).
resource "aws_route53_record" "alias_move" {
  for_each = local.use_route53 ? toset(try(var.dns.alternative_names, [])) : toset([])

  zone_id = var.dns.zone_id
  name    = "_${each.key}"
  type    = "TXT"
  ttl     = 300
  records = [aws_cloudfront_distribution.this.domain_name]
}

output "certificate_settings" {
  description = "Names on the site certificate, their validation records and the associate-alias TXT records, read back from the resources."
  value = {
    site_names         = local.custom_domain ? sort(concat([aws_acm_certificate.site[0].domain_name], tolist(aws_acm_certificate.site[0].subject_alternative_names))) : []
    validation_records = sort(keys(aws_route53_record.validation))
    alias_move_records = sort([for r in aws_route53_record.alias_move : r.name])
  }
}
