# Athena over the CloudFront logs: a Glue table whose hour partitions are projected from the S3 layout (no
# crawler, no MSCK REPAIR), a workgroup that caps the bytes one query may scan, and the saved queries of
# docs/security-operations.md.

locals {
  glue_database = replace("${var.name}_edge_logs", "-", "_")
  # column => CloudFront field (the JSON key)
  cloudfront_columns = {
    for f in local.cloudfront_fields : replace(replace(replace(lower(f), "cs(user-agent)", "user_agent"), "cs(host)", "host"), "-", "_") => f
  }
  cloudfront_table = "cloudfront"
  queries = {
    "top-auth-addresses-last-hour" = "Client addresses with the most requests to /api/v1/auth/* in the last hour, with their 429/4xx counts"
    "5xx-by-path"                  = "Responses with status 5xx in the last 24 hours by path and status"
  }
}

resource "aws_glue_catalog_database" "edge" {
  name        = local.glue_database
  description = "${var.name}: edge access logs (Athena)"
}

resource "aws_glue_catalog_table" "cloudfront" {
  name          = local.cloudfront_table
  database_name = aws_glue_catalog_database.edge.name
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    "classification"                = "json"
    "projection.enabled"            = "true"
    "projection.hour.type"          = "date"
    "projection.hour.format"        = "yyyy/MM/dd/HH"
    "projection.hour.range"         = "NOW-${var.retention_days}DAYS,NOW"
    "projection.hour.interval"      = "1"
    "projection.hour.interval.unit" = "HOURS"
    "projection.distribution.type"  = "injected"
    "storage.location.template"     = "s3://${local.bucket_name}/${local.cf_prefix}/$${distribution}/$${hour}/"
  }

  partition_keys {
    name = "distribution"
    type = "string"
  }
  partition_keys {
    name = "hour"
    type = "string"
  }

  storage_descriptor {
    location      = "s3://${local.bucket_name}/${local.cf_prefix}/"
    input_format  = "org.apache.hadoop.mapred.TextInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"

    ser_de_info {
      serialization_library = "org.openx.data.jsonserde.JsonSerDe"
      parameters            = { for col, field in local.cloudfront_columns : "mapping.${col}" => field if col != field }
    }

    dynamic "columns" {
      for_each = local.cloudfront_fields
      content {
        name = [for col, field in local.cloudfront_columns : col if field == columns.value][0]
        type = "string"
      }
    }
  }
}

resource "aws_athena_workgroup" "edge" {
  name          = "${var.name}-edge-logs"
  force_destroy = var.force_destroy

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    # 10 GB at $5/TB: a query that forgets its hour filter costs 5 cents, not a full scan.
    bytes_scanned_cutoff_per_query = var.athena_bytes_scanned_cutoff

    result_configuration {
      output_location = "s3://${local.bucket_name}/athena-results/"
      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}

resource "aws_athena_named_query" "this" {
  for_each = local.queries

  name        = "${var.name}-${each.key}"
  description = each.value
  workgroup   = aws_athena_workgroup.edge.id
  database    = aws_glue_catalog_database.edge.name
  query = templatefile("${path.module}/queries/${each.key}.sql", {
    table        = "${aws_glue_catalog_database.edge.name}.${aws_glue_catalog_table.cloudfront.name}"
    distribution = var.distribution_id
  })
}
