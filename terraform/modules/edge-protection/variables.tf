variable "name" {
  description = "Name prefix, e.g. notejam-prod (web ACL, metrics, log group)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "api_rate_limit" {
  description = "The API's own per-client limit on each credential endpoint: NOTEJAM_RATE_LIMIT requests per NOTEJAM_RATE_WINDOW seconds (charts/notejam config.rateLimit/rateWindow); the WAF's limit is derived from it."
  type = object({
    requests       = number
    window_seconds = number
  })

  validation {
    condition     = var.api_rate_limit.requests >= 1 && var.api_rate_limit.window_seconds >= 1
    error_message = "api_rate_limit.requests and window_seconds must be positive."
  }
}

variable "rate_limited_paths" {
  description = "The API paths whose requests the API counts per client (sign-up, sign-in, forgot-password, reset-password); the WAF counts the same ones."
  type        = list(string)

  validation {
    condition     = length(var.rate_limited_paths) > 0 && alltrue([for p in var.rate_limited_paths : can(regex("^/api/v1/auth/[a-z-]+$", p))])
    error_message = "rate_limited_paths must be /api/v1/auth/<name> paths."
  }
}

variable "evaluation_window_sec" {
  description = "Sliding window of the WAF's per-address count (60, 120, 300 or 600 s)."
  type        = number
  default     = 300

  validation {
    condition     = contains([60, 120, 300, 600], var.evaluation_window_sec)
    error_message = "evaluation_window_sec must be 60, 120, 300 or 600."
  }
}

variable "api_max_body_bytes" {
  description = "Largest request body the API accepts (NOTEJAM_MAX_BODY): the common rule set's 8 KB body rule only counts when the API takes more."
  type        = number
  default     = 262144
}

variable "log_retention_days" {
  description = "Retention of the WAF log group (blocked and counted requests only)."
  type        = number
  default     = 90
}
