output "bucket_name" {
  description = "Bucket CI uploads the built SPA to."
  value       = module.bucket.id
}

output "bucket_arn" {
  description = "ARN of the SPA bucket."
  value       = module.bucket.arn
}

output "distribution_id" {
  description = "CloudFront distribution id (CI invalidates it after an upload)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "CloudFront distribution ARN."
  value       = aws_cloudfront_distribution.this.arn
}

output "public_url" {
  description = "URL users open (NOTEJAM_PUBLIC_URL)."
  value       = "https://${local.custom_domain ? var.dns.domain_name : aws_cloudfront_distribution.this.domain_name}"
}

output "alb_arn_suffix" {
  description = "ALB ARN suffix (CloudWatch dimension LoadBalancer)."
  value       = aws_lb.api.arn_suffix
}

output "target_group_arn" {
  description = "Target group the chart's TargetGroupBinding registers the API pods in."
  value       = aws_lb_target_group.api.arn
}

output "idle_timeout_seconds" {
  description = "The API ALB's idle timeout (the API's keep-alive must outlast it: the chart's loadBalancer.idleTimeoutSeconds)."
  value       = aws_lb.api.idle_timeout
}

output "deregistration_delay_seconds" {
  description = "How long the target group keeps draining a deregistered pod (the chart's preStop must outlast it)."
  value       = tonumber(aws_lb_target_group.api.deregistration_delay)
}

output "target_group_arn_suffix" {
  description = "Target group ARN suffix (CloudWatch dimension TargetGroup)."
  value       = aws_lb_target_group.api.arn_suffix
}

output "certificate_validation_records" {
  description = "DNS records to create by hand when the domain is not in a Route 53 zone managed here."
  value = local.custom_domain && !local.use_route53 ? {
    site   = aws_acm_certificate.site[0].domain_validation_options
    origin = aws_acm_certificate.origin[0].domain_validation_options
  } : null
}

output "settings" {
  description = "Effective edge settings, read back from the resources."
  value = {
    bucket = module.bucket.settings
    # The origin set carries the verify header's value; this projection leaves it out.
    origins = nonsensitive({
      for o in aws_cloudfront_distribution.this.origin : o.origin_id => {
        domain_name     = o.domain_name
        uses_oac        = o.origin_access_control_id != null && o.origin_access_control_id != ""
        protocol_policy = one(o.custom_origin_config[*].origin_protocol_policy)
        verify_header   = [for h in o.custom_header : h.name]
      }
    })
    oac_signing = "${aws_cloudfront_origin_access_control.spa.signing_behavior}/${aws_cloudfront_origin_access_control.spa.signing_protocol}"
    default_behavior = {
      origin          = aws_cloudfront_distribution.this.default_cache_behavior[0].target_origin_id
      viewer_protocol = aws_cloudfront_distribution.this.default_cache_behavior[0].viewer_protocol_policy
      headers_policy  = aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id
    }
    path_behaviors = {
      for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.path_pattern => {
        origin          = b.target_origin_id
        viewer_protocol = b.viewer_protocol_policy
        headers_policy  = b.response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id
        methods         = sort(tolist(b.allowed_methods))
      }
    }
    security_headers = {
      hsts_max_age = aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].access_control_max_age_sec
      csp          = aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy
      frame_option = aws_cloudfront_response_headers_policy.security.security_headers_config[0].frame_options[0].frame_option
      nosniff      = length(aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_type_options) == 1
      referrer     = aws_cloudfront_response_headers_policy.security.security_headers_config[0].referrer_policy[0].referrer_policy
    }
    aliases              = sort(tolist(coalesce(aws_cloudfront_distribution.this.aliases, [])))
    viewer_min_tls       = aws_cloudfront_distribution.this.viewer_certificate[0].minimum_protocol_version
    acm_certificate      = aws_cloudfront_distribution.this.viewer_certificate[0].acm_certificate_arn
    alb_listener         = "${aws_lb_listener.api.protocol}:${aws_lb_listener.api.port}"
    alb_default_action   = aws_lb_listener.api.default_action[0].type
    alb_ingress_prefix   = aws_vpc_security_group_ingress_rule.alb_from_cloudfront.prefix_list_id
    alb_drops_bad_header = aws_lb.api.drop_invalid_header_fields
    web_acl              = aws_cloudfront_distribution.this.web_acl_id
    alb_access_logs      = one([for l in aws_lb.api.access_logs : "${l.bucket}/${l.prefix}" if l.enabled])
    alb_xff_mode         = aws_lb.api.xff_header_processing_mode
    # Proxies that append to X-Forwarded-For in front of the API: CloudFront, then the ALB.
    proxy_hops      = 2
    route53_records = sort(concat([for r in aws_route53_record.site : "${r.type} ${r.name}"], [for r in aws_route53_record.origin : "${r.type} ${r.name}"]))
  }
}
