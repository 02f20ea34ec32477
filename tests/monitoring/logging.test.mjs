// Log shipping and log queries. The shipper is the Amazon CloudWatch Observability EKS add-on (Fluent Bit run by
// AWS), installed by Terraform with its documented policy through Pod Identity, writing to the container-insights
// log groups Terraform creates first with their retention (tests/terraform asserts the resources; this reads the
// code both sides share). The saved Logs Insights queries read the API's fields where the add-on puts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadQueries, fieldsOf, logsInsightsFields, PARSED_KEY } from './lib/logs-insights.mjs';

const root = resolve(import.meta.dirname, '../..');
const eks = (f) => readFileSync(join(root, 'terraform/modules/eks', f), 'utf8');

test('the log shipper is the CloudWatch Observability add-on, bound to its role by Pod Identity', () => {
  const vars = eks('variables.tf');
  assert.match(vars, /"amazon-cloudwatch-observability"\s*=\s*\{\s*pod_identity\s*=\s*"cloudwatch-agent"\s*\}/);
  const pi = eks('pod-identity.tf');
  // The add-on's ServiceAccount (amazon-cloudwatch/cloudwatch-agent) and the policy AWS documents for it.
  assert.match(pi, /"cloudwatch-agent"\s*=\s*\{\s*namespace\s*=\s*"amazon-cloudwatch"\s*service_account\s*=\s*"cloudwatch-agent"/);
  assert.match(pi, /"cloudwatch-agent"\s*=\s*"\$\{local\.policy_base\}\/CloudWatchAgentServerPolicy"/);
  // The node role stays without log permissions: IMDS hop limit 1 keeps pods off it.
  assert.match(eks('nodes.tf'), /http_put_response_hop_limit = 1/);
  assert.ok(!existsSync(join(root, 'ops/monitoring/fluent-bit')), 'no second log shipper configuration');
});

test('the add-on writes into the log groups Terraform creates, with the environment retention, before it starts', () => {
  const main = eks('main.tf');
  // The add-on's Fluent Bit writes to /aws/containerinsights/<cluster>/<kind>; the module's cluster is var.name.
  assert.match(main, /name\s*=\s*"\/aws\/containerinsights\/\$\{var\.name\}\/\$\{each\.key\}"\s*\n\s*retention_in_days = var\.log_retention_days/);
  assert.match(main, /resource "aws_eks_cluster" "this" \{\s*name\s*=\s*var\.name/);
  assert.match(main, /depends_on = \[aws_eks_node_group\.this, aws_cloudwatch_log_group\.container\]/, 'log groups exist before the add-on');
  assert.match(eks('variables.tf'), /default\s*=\s*\["application", "dataplane", "host", "performance"\]/);
});

test('the saved queries read the API\'s fields under the add-on\'s parsed key, nothing else but Fluent Bit\'s', () => {
  for (const { name, fields, outside } of logsInsightsFields(root)) {
    assert.ok(fields.size > 0, `${name}: reads no field of the API (${PARSED_KEY}.*)`);
    for (const f of outside) assert.ok(f.startsWith('@') || f.startsWith('kubernetes.'), `${name}: ${f} is not under ${PARSED_KEY}`);
  }
});

test('every saved Logs Insights query is in docs/logs-insights-queries.md, verbatim', () => {
  const doc = readFileSync(join(root, 'docs/logs-insights-queries.md'), 'utf8');
  const queries = loadQueries(root);
  for (const required of ['errors-by-route', 'slow-requests', 'failed-signins-by-ip'])
    assert.ok(queries.some((q) => q.name === required), `no ${required} query`);
  for (const q of queries) {
    assert.ok(doc.includes('```\n' + q.text + '```'), `docs/logs-insights-queries.md does not show ${q.name} as it is`);
    assert.ok(fieldsOf(q.text).size > 0, `${q.name}: no field`);
  }
  assert.match(doc, /\/aws\/containerinsights\/<cluster>\/application/);
});
