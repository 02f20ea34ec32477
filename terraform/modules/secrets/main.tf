# Customer managed multi-Region KMS keys (primary here, replica in the DR region) and the application's
# Secrets Manager secrets, each replicated to the DR region so a failover finds them there.

resource "aws_kms_key" "this" {
  for_each = var.kms_keys

  description             = "${var.name}: ${each.value.description}"
  multi_region            = true
  enable_key_rotation     = true
  deletion_window_in_days = var.key_deletion_window_in_days
  tags                    = { Purpose = each.key }
}

resource "aws_kms_alias" "this" {
  for_each = var.kms_keys

  name          = "alias/${var.name}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}

resource "aws_kms_replica_key" "dr" {
  for_each = { for k, v in var.kms_keys : k => v if v.replicate }
  provider = aws.dr

  description             = "${var.name}: ${each.value.description} (DR replica)"
  primary_key_arn         = aws_kms_key.this[each.key].arn
  deletion_window_in_days = var.key_deletion_window_in_days
  tags                    = { Purpose = each.key }
}

resource "aws_kms_alias" "dr" {
  for_each = aws_kms_replica_key.dr
  provider = aws.dr

  name          = "alias/${var.name}-${each.key}"
  target_key_id = each.value.key_id
}

resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = "${var.name}/${each.key}"
  description             = each.value.description
  kms_key_id              = aws_kms_key.this["secrets"].arn
  recovery_window_in_days = var.recovery_window_in_days

  replica {
    region     = var.dr_region
    kms_key_id = aws_kms_replica_key.dr["secrets"].arn
  }
}

# Secrets Manager makes the random value; Terraform only seeds the first version.
data "aws_secretsmanager_random_password" "this" {
  for_each = { for k, s in var.secrets : k => s if s.generate }

  password_length     = each.value.length
  exclude_punctuation = true
  include_space       = false
}

resource "aws_secretsmanager_secret_version" "generated" {
  for_each = data.aws_secretsmanager_random_password.this

  secret_id     = aws_secretsmanager_secret.this[each.key].id
  secret_string = format(var.secrets[each.key].format, each.value.random_password)

  lifecycle {
    # The data source yields a new value on every plan, and rotations happen outside Terraform.
    ignore_changes = [secret_string]
  }
}
