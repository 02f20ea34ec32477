# Security promises every environment keeps (dev, test, prod, prod-dr): an audit trail nobody can erase, edge
# access logs with queries, a WAF that agrees with the API's own limits, GuardDuty, and alarms to people.
# The seams are read from both sides: tests/seam/ holds the API's config.c and auth_handlers.c (with its route table) and the
# chart's values and ConfigMap template (copied by tests/terraform/seam-files.sh).

run "security" {
  # --- audit trail ---
  assert {
    condition = (output.settings.audit.multi_region && output.settings.audit.global_service_events && output.settings.audit.log_file_validation
    && output.settings.audit.logging && output.settings.audit.management_events)
    error_message = "The trail must cover every region and global services, validate its log files, be logging, and record management events."
  }
  assert {
    condition = (startswith(output.settings.audit.kms_key_arn, "arn:aws:kms:") && output.settings.audit.key_rotation
      && output.settings.audit.bucket.sse_algorithm == "aws:kms" && output.settings.audit.bucket.kms_key_arn == output.settings.audit.kms_key_arn
    && contains(output.settings.audit.key_policy_sids, "CloudTrailEncryptsThisTrail"))
    error_message = "Log files must be encrypted with the trail's own rotating KMS key, which CloudTrail may use for this trail."
  }
  assert {
    condition = (output.settings.audit.trail_bucket == output.settings.audit.bucket.name && output.settings.audit.bucket.versioning == "Enabled"
      && output.settings.audit.bucket.object_lock.mode == var.backup.lock_mode && output.settings.audit.bucket.object_lock.days == var.audit_retention_days
    && var.audit_retention_days == 1095)
    error_message = "The trail bucket must be versioned with Object Lock (${var.backup.lock_mode}) for 1095 days: ${jsonencode(output.settings.audit.bucket.object_lock)}"
  }
  assert {
    condition = anytrue([for r in output.settings.audit.bucket.lifecycle_rules : try(r.status == "Enabled" && one(r.expiration[*].days) == var.audit_retention_days
    && one(r.transition[*].storage_class) == "DEEP_ARCHIVE", false)])
    error_message = "Trail log files must move to Deep Archive and expire only when their lock ends."
  }
  assert {
    condition = (output.settings.audit.bucket.public_access_blocked && alltrue([for s in output.settings.audit.bucket.policy_statements :
      s.Effect == "Deny" || try(s.Principal.Service == "cloudtrail.amazonaws.com" && s.Condition.StringEquals["aws:SourceArn"] == "arn:aws:cloudtrail:${var.region}:111122223333:trail/${output.settings.audit.trail_name}"
    && (s.Action == "s3:GetBucketAcl" || (s.Action == "s3:PutObject" && endswith(s.Resource, "/AWSLogs/111122223333/*"))), false)]))
    error_message = "Only this trail may write to the audit bucket, under AWSLogs/<account>/ only."
  }
  assert {
    condition     = output.settings.audit.trail_to_log_group && output.settings.audit.log_retention_days == var.log_retention_days
    error_message = "The trail must also write to its CloudWatch log group, kept the environment's log retention."
  }

  # --- EKS control plane: audit and authenticator logs, with retention ---
  assert {
    condition     = length(setsubtract(["audit", "authenticator"], output.settings.eks.log_types)) == 0 && output.settings.eks.log_retention_days == var.log_retention_days
    error_message = "EKS must send its audit and authenticator logs to a log group with the environment's retention."
  }

  # --- security alarms: every one on the environment's alarm topic ---
  assert {
    condition     = jsonencode(sort(keys(output.settings.audit.alarms))) == jsonencode(["audit-key-disabled", "cloudtrail-stopped", "iam-policy-changed", "root-account-use"])
    error_message = "Root account use, IAM policy changes, CloudTrail being stopped and the trail key being disabled must each raise an alarm: ${jsonencode(keys(output.settings.audit.alarms))}"
  }
  assert {
    condition = alltrue([for k, a in output.settings.audit.alarms :
    a.metric == a.filter && a.source == output.settings.audit.log_group && a.actions == tolist([output.alarm_topic_arn])])
    error_message = "Each trail alarm must watch its own metric filter on the trail's log group and notify the alarm topic."
  }
  assert {
    condition = (strcontains(output.settings.audit.alarms["root-account-use"].pattern, "$.userIdentity.type = \"Root\"")
      && alltrue([for e in ["PutRolePolicy", "AttachRolePolicy", "CreatePolicyVersion", "PutUserPolicy", "AttachUserPolicy", "DeletePolicy"] :
      strcontains(output.settings.audit.alarms["iam-policy-changed"].pattern, "\"${e}\"")])
    && alltrue([for e in ["StopLogging", "DeleteTrail", "UpdateTrail"] : strcontains(output.settings.audit.alarms["cloudtrail-stopped"].pattern, "\"${e}\"")]))
    error_message = "The filters must match root use, IAM policy writes and the trail being stopped, deleted or changed."
  }
  assert {
    condition     = output.settings.threats.alarm.actions == tolist([output.alarm_topic_arn]) && output.settings.threats.filter_source && output.settings.threats.rule_target
    error_message = "High-severity GuardDuty findings must land in their log group and raise an alarm on the alarm topic."
  }

  # --- GuardDuty with EKS protection ---
  assert {
    condition = (output.settings.threats.detector_enabled && output.settings.threats.features["EKS_AUDIT_LOGS"].status == "ENABLED"
      && output.settings.threats.features["RUNTIME_MONITORING"].status == "ENABLED"
    && output.settings.threats.features["RUNTIME_MONITORING"].additional["EKS_ADDON_MANAGEMENT"] == "ENABLED")
    error_message = "GuardDuty must run in ${var.region} with EKS audit-log analysis and EKS runtime monitoring (agent managed by GuardDuty)."
  }
  assert {
    condition = (output.settings.threats.rule_pattern.source == ["aws.guardduty"]
    && output.settings.threats.rule_pattern.detail.severity == [{ numeric = [">=", 7] }])
    error_message = "Findings of severity 7 (High) and above must page: ${jsonencode(output.settings.threats.rule_pattern)}"
  }

  # --- edge logs ---
  assert {
    condition     = output.settings.web.alb_access_logs == "${output.security.edgeLogBucket}/alb"
    error_message = "The ALB must write access logs to the edge log bucket: ${jsonencode(output.settings.web.alb_access_logs)}"
  }
  assert {
    condition = (startswith(output.settings.edge_logs.cloudfront_source, "arn:aws:cloudfront::") && output.settings.edge_logs.cloudfront_log == "ACCESS_LOGS"
    && output.settings.edge_logs.cloudfront_dest == "arn:aws:s3:::${output.security.edgeLogBucket}/cloudfront")
    error_message = "CloudFront's access logs must be delivered to the edge log bucket."
  }
  assert {
    condition = (length(setsubtract(["c-ip", "cs-uri-stem", "sc-status", "date", "time"], output.settings.edge_logs.cloudfront_fields)) == 0
    && length(setintersection(["cs-uri-query", "cs(Cookie)", "x-forwarded-for"], output.settings.edge_logs.cloudfront_fields)) == 0)
    error_message = "CloudFront logs must hold the client address, path and status, and never the query string or cookies (reset and refresh tokens)."
  }
  assert {
    condition = (length(output.settings.edge_logs.table_columns) == length(output.settings.edge_logs.cloudfront_fields) && alltrue([
      for i, f in output.settings.edge_logs.cloudfront_fields : lookup(output.settings.edge_logs.table_mapping, "mapping.${output.settings.edge_logs.table_columns[i]}", output.settings.edge_logs.table_columns[i]) == f
    ]))
    error_message = "Every Athena column must read the CloudFront field of the same position: ${jsonencode(output.settings.edge_logs.table_columns)}"
  }
  assert {
    condition = alltrue([for q in values(output.settings.edge_logs.queries) : alltrue([
      for c in regexall("\\b(c_ip|cs_uri_stem|sc_status|user_agent|date|time)\\b", q) : contains(output.settings.edge_logs.table_columns, c[0])
    ]) && strcontains(q, "distribution = '") && strcontains(q, "hour >= ")])
    error_message = "The saved queries must read columns of the table and prune by distribution and hour."
  }
  assert {
    condition = (strcontains(output.settings.edge_logs.queries["top-auth-addresses-last-hour"], "cs_uri_stem LIKE '/api/v1/auth/%'")
      && strcontains(output.settings.edge_logs.queries["top-auth-addresses-last-hour"], "GROUP BY c_ip")
    && strcontains(output.settings.edge_logs.queries["5xx-by-path"], "sc_status LIKE '5%'"))
    error_message = "The saved queries must answer 'top client addresses on auth endpoints' and '5xx by path'."
  }
  assert {
    condition = (anytrue([for r in output.settings.edge_logs.bucket.lifecycle_rules : try(r.status == "Enabled" && one(r.expiration[*].days) == var.log_retention_days, false)])
    && output.settings.edge_logs.projection_range == "NOW-${var.log_retention_days}DAYS,NOW" && output.settings.edge_logs.bucket.public_access_blocked)
    error_message = "Edge logs must expire after the environment's log retention (Athena projects that far back), in a private bucket."
  }
  assert {
    condition     = output.settings.edge_logs.scan_cutoff_bytes <= 10737418240 && startswith(output.settings.edge_logs.results_location, "s3://${output.security.edgeLogBucket}/")
    error_message = "Athena queries must be capped at 10 GB scanned and keep results in the log bucket."
  }

  # --- WAF on CloudFront ---
  assert {
    condition     = output.settings.edge_waf.scope == "CLOUDFRONT" && output.settings.web.web_acl == output.security.webAclArn && output.settings.edge_waf.default_action == "allow"
    error_message = "The distribution must be protected by the environment's web ACL."
  }
  assert {
    condition = toset([for r in output.settings.edge_waf.managed_groups : r.group]) == toset([
    "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"])
    error_message = "The web ACL must run AWS's common, known-bad-inputs and IP-reputation rule groups."
  }
  assert {
    condition     = output.settings.edge_waf.blocked_ip_set
    error_message = "The web ACL must block the operators' IP set (the runbook's lever during an attack)."
  }
  assert {
    condition     = output.settings.web.alb_ingress_prefix != "" && output.settings.web.alb_default_action == "fixed-response"
    error_message = "The ALB has no web ACL of its own: it must only be reachable through CloudFront (prefix list, secret header)."
  }
  assert {
    condition     = output.settings.edge_waf.metrics_enabled && output.settings.edge_waf.log_destination && jsonencode(output.settings.edge_waf.redacted_headers) == jsonencode(["authorization", "cookie"])
    error_message = "WAF metrics and logs must be on, and its logs must never hold the Authorization header or cookies."
  }

  # --- seam: the WAF's per-address limit and the API's per-client limit agree ---
  # The API counts NOTEJAM_RATE_LIMIT requests per NOTEJAM_RATE_WINDOW seconds in fixed windows, one counter per
  # endpoint, per client address: in a sliding window of T seconds an address can get limit x (ceil(T/W) + 1)
  # requests per endpoint through. The WAF must block exactly beyond that sum: not below (it would refuse clients
  # the API serves, without the API's Retry-After), not above (it would be a silent no-op).
  assert {
    condition = var.api_rate_limit == {
      requests = tonumber(lookup(merge(yamldecode(file("tests/seam/values.yaml")).config, try(yamldecode(file("tests/seam/values-env.yaml")).config, {})),
      regex("NOTEJAM_RATE_LIMIT:\\s*\\{\\{\\s*(?:\\$c|\\.Values\\.config)\\.([A-Za-z0-9_]+)", file("tests/seam/configmap.yaml"))[0]))
      window_seconds = tonumber(lookup(merge(yamldecode(file("tests/seam/values.yaml")).config, try(yamldecode(file("tests/seam/values-env.yaml")).config, {})),
      regex("NOTEJAM_RATE_WINDOW:\\s*\\{\\{\\s*(?:\\$c|\\.Values\\.config)\\.([A-Za-z0-9_]+)", file("tests/seam/configmap.yaml"))[0]))
    }
    error_message = "Terraform's api_rate_limit ${jsonencode(var.api_rate_limit)} must be what charts/notejam sets NOTEJAM_RATE_LIMIT/NOTEJAM_RATE_WINDOW to for this environment."
  }
  assert {
    condition = (tonumber(regex("\"NOTEJAM_RATE_LIMIT\", I\\([a-z_]+\\), \"([0-9]+)\"", file("tests/seam/config.c"))[0]) == var.api_rate_limit.requests
    && tonumber(regex("\"NOTEJAM_RATE_WINDOW\", I\\([a-z_]+\\), \"([0-9]+)\"", file("tests/seam/config.c"))[0]) == var.api_rate_limit.window_seconds)
    error_message = "The chart's rate limit must be the API's own default (api/src/config.c): one limit, set in one place."
  }
  assert {
    condition = output.settings.edge_waf.auth_rate.limit == (
      length(regexall("rate_limited\\(r, \"[a-z-]+\"", file("tests/seam/auth_handlers.c"))) * var.api_rate_limit.requests *
      (ceil(output.settings.edge_waf.auth_rate.window_sec / var.api_rate_limit.window_seconds) + 1)
    )
    error_message = "WAF limit ${output.settings.edge_waf.auth_rate.limit} per ${output.settings.edge_waf.auth_rate.window_sec} s must equal what the API lets one address through on its rate-limited endpoints in that window."
  }
  assert {
    # The WAF counts the requests the API counts: the auth routes whose handler calls rate_limited(), no others.
    condition = alltrue([for p in regexall("\"(/api/v1/auth/[a-z-]+)\"", file("tests/seam/auth_handlers.c")) :
      can(regex(output.settings.edge_waf.auth_rate.path_regex, p[0])) == anytrue([
        for s in regexall("rate_limited\\(r, \"([a-z-]+)\"", file("tests/seam/auth_handlers.c")) : startswith(basename(p[0]), s[0])
    ])]) && length(regexall("\"(/api/v1/auth/[a-z-]+)\"", file("tests/seam/auth_handlers.c"))) >= 6
    error_message = "The WAF rule ${output.settings.edge_waf.auth_rate.path_regex} must count exactly the auth routes (auth_handlers.c's route table) the API rate-limits."
  }
  assert {
    condition = (output.settings.edge_waf.auth_rate.status == 429 && output.settings.edge_waf.auth_rate.retry_after == tostring(output.settings.edge_waf.auth_rate.window_sec)
    && output.settings.edge_waf.auth_rate.aggregate_key == "IP")
    error_message = "The WAF must answer like the API (429 with Retry-After) and count the address that connected to CloudFront, never a forwarded header."
  }
  assert {
    condition = (tonumber(regex("\"NOTEJAM_MAX_BODY\", I\\([a-z_]+\\), \"([0-9]+)\"", file("tests/seam/config.c"))[0]) <= 8192
    || contains(output.settings.edge_waf.managed_groups["common"].count_not, "SizeRestrictions_BODY")) && var.api_max_body_bytes == tonumber(regex("\"NOTEJAM_MAX_BODY\", I\\([a-z_]+\\), \"([0-9]+)\"", file("tests/seam/config.c"))[0])
    error_message = "The API takes bodies up to NOTEJAM_MAX_BODY: the common rule set's 8 KB body rule must only count, and api_max_body_bytes must be the API's."
  }

  # --- seam: the address the API trusts is the one the edge sets ---
  # CloudFront appends the viewer's address to X-Forwarded-For, the ALB appends CloudFront's; the API takes the
  # entry NOTEJAM_TRUSTED_PROXIES from the right. That must be CloudFront's entry, the address the WAF counts.
  assert {
    condition = output.settings.web.alb_xff_mode == "append" && output.settings.web.proxy_hops == tonumber(
      merge(yamldecode(file("tests/seam/values.yaml")).config, try(yamldecode(file("tests/seam/values-env.yaml")).config, {})).trustedProxies
    ) && length(regexall("NOTEJAM_TRUSTED_PROXIES:\\s*\\{\\{\\s*include \"notejam\\.trustedProxies\"", file("tests/seam/configmap.yaml"))) == 1
    error_message = "charts/notejam must set NOTEJAM_TRUSTED_PROXIES to the ${output.settings.web.proxy_hops} proxies (CloudFront, ALB) that append to X-Forwarded-For."
  }
}
