# Certificates validate through a Route 53 zone Terraform writes into; without one the plan stops at once with a
# clear message instead of an apply that waits 75 minutes for ACM (the root's variable validation; modules/web has
# the same rule as a precondition for other callers).

run "no_zone_fails_fast" {
  command = plan
  variables {
    dns = { domain_name = "notejam.example.com" }
  }
  expect_failures = [var.dns]
}

run "dr_certificate_covers_the_primary_name" {
  command = plan
  variables {
    dns = { domain_name = "dr.notejam.example.com", zone_id = "Z0NOTEJAMEXAMPLE", alternative_names = ["notejam.example.com"] }
  }
  assert {
    condition     = module.web.certificate_settings.site_names == tolist(["dr.notejam.example.com", "notejam.example.com"])
    error_message = "The DR site certificate must cover the primary name that associate-alias moves to it."
  }
  assert {
    condition     = module.web.certificate_settings.alias_move_records == tolist(["_notejam.example.com"])
    error_message = "associate-alias needs the TXT record _<name> in the zone."
  }
  assert {
    condition     = module.web.certificate_settings.validation_records == tolist(["origin origin.dr.notejam.example.com", "site dr.notejam.example.com", "site notejam.example.com"])
    error_message = "Every certificate name gets its validation record in the zone."
  }
}
