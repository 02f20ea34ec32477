# Optional custom domain: a certificate in us-east-1 for CloudFront, a regional one for the ALB origin name,
# both DNS-validated; with a Route 53 zone the validation and alias records are created here too.

resource "aws_acm_certificate" "site" {
  count    = local.custom_domain ? 1 : 0
  provider = aws.global

  domain_name       = var.dns.domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate" "origin" {
  count = local.custom_domain ? 1 : 0

  domain_name       = local.origin_host
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  # One validation record per certificate, keyed by names known before apply.
  validations = local.use_route53 ? {
    site   = one(aws_acm_certificate.site[0].domain_validation_options)
    origin = one(aws_acm_certificate.origin[0].domain_validation_options)
  } : {}
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
  validation_record_fqdns = local.use_route53 ? [aws_route53_record.validation["site"].fqdn] : null
}

resource "aws_acm_certificate_validation" "origin" {
  count = local.custom_domain ? 1 : 0

  certificate_arn         = aws_acm_certificate.origin[0].arn
  validation_record_fqdns = local.use_route53 ? [aws_route53_record.validation["origin"].fqdn] : null
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
