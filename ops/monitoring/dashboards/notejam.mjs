// The Grafana dashboard "Notejam": rows of panels, each a title, a unit and its PromQL by legend. grafana.mjs adds
// ids, layout and defaults; `make dashboard` writes build/dashboards/notejam.json to import (docs/observability.md).
// Metric names: docs/metrics.md; recording rules (notejam:...): charts/notejam/files/prometheus-rules.yaml.

const NS = 'namespace="$namespace"';
const ROUTES = `${NS}, route=~"$route"`;
const USER_FACING = `${NS}, route!~"/healthz|/readyz|/metrics|/version", route=~"$route"`; // the SLI's requests
const ENV = 'env=~"$env"';
const API = `${NS}, job="notejam-api"`; // process_* series are not only the API's
const HTTP = 'notejam_http_requests_total';
const DURATION = 'notejam_http_request_duration_seconds';
// per second (or minute) summed by the labels in `by`; the q-quantile of a histogram by the labels in `by`
const perSecond = (series, by) => `${by ? `sum by (${by}) ` : 'sum'}(rate(${series}[$__rate_interval]))`;
const perMinute = (series, by) => `${perSecond(series, by)} * 60`;
const quantile = (q, histogram, sel, by) =>
  `histogram_quantile(${q}, sum by (${by ? `${by}, ` : ''}le) (rate(${histogram}_bucket{${sel}}[$__rate_interval])))`;

export default {
  uid: 'notejam-overview',
  title: 'Notejam',
  description: 'Notejam API: traffic, errors, latency, saturation, pods/HPA, auth events and backup freshness. '
    + 'Metric names: docs/metrics.md.',
  tags: ['notejam'],
  variables: [
    { name: 'namespace', label: 'Namespace', query: 'label_values(notejam_build_info, namespace)' },
    { name: 'route', label: 'Route', query: `label_values(${HTTP}{${NS}}, route)`, multi: true },
    { name: 'env', label: 'Backup env', query: 'label_values(notejam_backup_last_success_timestamp_seconds, env)', multi: true },
  ],
  rows: [
    { title: 'Overview', panels: [
      { type: 'stat', w: 4, title: 'Availability (1h)', unit: 'percentunit', decimals: 3,
        description: 'Share of user-facing requests that did not fail with a 5xx over the last hour. SLO: 99.9 %.',
        queries: `1 - notejam:sli_error_ratio:rate1h{${NS}}`, thresholds: ['red', 0.99, 'yellow', 0.999, 'green'] },
      { type: 'stat', w: 4, title: 'Requests / s', unit: 'reqps', queries: perSecond(`${HTTP}{${NS}}`) },
      { type: 'stat', w: 4, title: '5xx ratio (5m)', unit: 'percentunit', decimals: 2,
        queries: `notejam:sli_error_ratio:rate5m{${NS}}`, thresholds: ['green', 0.001, 'yellow', 0.0144, 'red'] },
      { type: 'stat', w: 4, title: 'p99 latency (5m)', unit: 's',
        queries: `notejam:http_request_duration_seconds:p99_5m{${NS}}`, thresholds: ['green', 0.25, 'yellow', 0.5, 'red'] },
      { type: 'stat', w: 4, title: 'Ready pods', unit: 'short', description: 'Pods whose /readyz answers 200.',
        queries: `sum(notejam_ready{${NS}})`, thresholds: ['red', 1, 'yellow', 2, 'green'] },
      { type: 'stat', w: 4, title: 'Version', unit: 'short', description: 'Pods per running version (more than one during a rollout).',
        queries: { '{{version}}': `count by (version) (notejam_build_info{${NS}})` } },
    ] },
    { title: 'Traffic', panels: [
      { title: 'Requests / s by route', unit: 'reqps',
        queries: { '{{route}}': perSecond(`${HTTP}{${ROUTES}}`, 'route') } },
      { title: 'Requests / s by status', unit: 'reqps', stacked: true,
        queries: { '{{status}}': perSecond(`${HTTP}{${ROUTES}}`, 'status') } },
      { title: 'Traffic vs same hour last week (baseline)', unit: 'reqps',
        description: 'NotejamTrafficDrop fires in business hours when this week falls under half of last week.',
        queries: {
          'this week (1h rate)': `notejam:http_requests:rate1h{${NS}}`,
          'last week (1h rate)': `notejam:http_requests:rate1h_offset1w{${NS}}`,
        } },
      { title: 'Week-over-week ratio', unit: 'percentunit', thresholds: ['red', 0.5, 'green'],
        queries: { 'this week / last week': `notejam:http_requests:wow_ratio1h{${NS}}` } },
    ] },
    { title: 'Errors and SLO', panels: [
      { title: '5xx ratio by route', unit: 'percentunit', thresholds: ['green', 0.05, 'red'],
        queries: { '{{route}}': `notejam:route_error_ratio:rate5m{${ROUTES}}` } },
      { title: 'Error-budget burn rate', unit: 'x', thresholds: ['green', 6, 'yellow', 14.4, 'red'],
        description: '1 = the 30-day error budget is spent exactly in 30 days. Pages at 14.4 (1h and 5m) and 6 (6h and 30m).',
        queries: {
          '1h': `notejam:sli_error_ratio:rate1h{${NS}} / 0.001`,
          '6h': `notejam:sli_error_ratio:rate6h{${NS}} / 0.001`,
          '5m': `notejam:sli_error_ratio:rate5m{${NS}} / 0.001`,
        } },
      { title: '4xx by route', unit: 'reqps',
        queries: { '{{route}} {{status}}': perSecond(`${HTTP}{${ROUTES}, status=~"4.."}`, 'route, status') } },
      { title: '5xx by route and status', unit: 'reqps',
        queries: { '{{route}} {{status}}': perSecond(`${HTTP}{${ROUTES}, status=~"5.."}`, 'route, status') } },
    ] },
    { title: 'Latency', panels: [
      { title: 'Latency percentiles', unit: 's', thresholds: ['green', 0.5, 'red'],
        queries: {
          p50: quantile(0.5, DURATION, USER_FACING),
          p90: quantile(0.9, DURATION, USER_FACING),
          p99: quantile(0.99, DURATION, USER_FACING),
        } },
      { type: 'heatmap', title: 'Latency heatmap', unit: 's', description: 'Requests per latency bucket (user-facing routes).',
        queries: { '{{le}}': `sum by (le) (increase(${DURATION}_bucket{${USER_FACING}}[$__rate_interval]))` } },
      { title: 'p99 latency by route', unit: 's',
        queries: { '{{route}}': quantile(0.99, DURATION, ROUTES, 'route') } },
      { title: 'PostgreSQL / Redis p99 by call', unit: 's',
        queries: {
          'pg {{query}}': quantile(0.99, 'notejam_db_query_duration_seconds', NS, 'query'),
          'redis {{command}}': quantile(0.99, 'notejam_redis_command_duration_seconds', NS, 'command'),
        } },
    ] },
    { title: 'Saturation', panels: [
      { title: 'In-flight requests and worker threads', unit: 'short',
        queries: {
          'in flight {{pod}}': `sum by (pod) (notejam_http_requests_in_flight{${NS}})`,
          'threads {{pod}}': `sum by (pod) (notejam_http_threads{${NS}})`,
        } },
      { title: 'Connection pools in use', unit: 'percentunit', max: 1, thresholds: ['green', 0.8, 'red'],
        queries: {
          'postgres {{pod}}':
            `sum by (pod) (notejam_db_pool_connections{${NS}, state="in_use"}) / sum by (pod) (notejam_db_pool_size{${NS}})`,
          'redis {{pod}}':
            `sum by (pod) (notejam_redis_pool_connections{${NS}, state="in_use"}) / sum by (pod) (notejam_redis_pool_size{${NS}})`,
        } },
      { title: 'Password hashing', unit: 'short',
        description: 'Argon2id computations are bounded per pod; a growing queue means sign-in bursts.',
        queries: {
          hashing: `sum(notejam_password_hash_in_progress{${NS}})`,
          'waiting for a slot': `sum(notejam_password_hash_waiting{${NS}})`,
        } },
      { title: 'PostgreSQL connections vs max_connections', unit: 'percentunit', max: 1, thresholds: ['green', 0.8, 'red'],
        description: 'From postgres_exporter (empty without it).',
        queries: { '{{instance}}': 'sum by (instance) (pg_stat_activity_count) / max by (instance) (pg_settings_max_connections)' } },
      { w: 8, title: 'Process memory (RSS)', unit: 'bytes', queries: { '{{pod}}': `process_resident_memory_bytes{${API}}` } },
      { w: 8, title: 'Process CPU', unit: 'percentunit',
        queries: { '{{pod}}': `rate(process_cpu_seconds_total{${API}}[$__rate_interval])` } },
      { w: 8, title: 'Open file descriptors', unit: 'short', queries: { '{{pod}}': `process_open_fds{${API}}` } },
    ] },
    { title: 'Dependencies', panels: [
      { title: 'PostgreSQL errors / min by kind', unit: 'short', thresholds: ['green', 1, 'red'],
        queries: { '{{kind}}': perMinute(`notejam_db_errors_total{${NS}}`, 'kind') } },
      { title: 'Redis errors / min by kind', unit: 'short', thresholds: ['green', 1, 'red'],
        queries: { '{{kind}}': perMinute(`notejam_redis_errors_total{${NS}}`, 'kind') } },
    ] },
    { title: 'Pods and autoscaling', panels: [
      { w: 8, title: 'Replicas: current, desired and max (HPA)', unit: 'short',
        queries: {
          'current {{horizontalpodautoscaler}}': `kube_horizontalpodautoscaler_status_current_replicas{${NS}}`,
          'desired {{horizontalpodautoscaler}}': `kube_horizontalpodautoscaler_status_desired_replicas{${NS}}`,
          'max {{horizontalpodautoscaler}}': `kube_horizontalpodautoscaler_spec_max_replicas{${NS}}`,
          'min {{horizontalpodautoscaler}}': `kube_horizontalpodautoscaler_spec_min_replicas{${NS}}`,
        } },
      { w: 8, title: 'Ready API pods', unit: 'short',
        queries: { ready: `sum(notejam_ready{${NS}})`, scraped: `count(up{${API}} == 1)` } },
      // restarts of Notejam's own containers, found by image as the NotejamPodRestarting alert finds them
      { w: 8, title: 'Container restarts (15m)', unit: 'short',
        queries: { '{{pod}}/{{container}}': `sum by (pod, container) (increase(kube_pod_container_status_restarts_total{${NS}}[15m])`
          + ` and on (namespace, pod, container) kube_pod_container_info{${NS}, image=~".*notejam-(api|ops)([:@].*)?"})` } },
    ] },
    { title: 'Authentication and security', panels: [
      { title: 'Auth events / min', unit: 'short', queries: { '{{event}}': perMinute(`notejam_auth_events_total{${NS}}`, 'event') } },
      { title: 'Sign-in failure ratio', unit: 'percentunit', max: 1, thresholds: ['green', 0.5, 'red'],
        queries: { 'failures / sign-ins': `notejam:signin_failure_ratio:rate5m{${NS}}` } },
      { title: 'Security signals / min', unit: 'short',
        description: 'Refresh-token reuse revokes a session family; rate_limited = 429 on sign-in/sign-up/forgot-password; '
          + 'token_rejected = invalid access tokens.',
        queries: {
          '{{event}}': perMinute(`notejam_auth_events_total{${NS}, event=~"refresh_reuse|rate_limited|token_rejected|signin_failure"}`, 'event'),
        } },
    ] },
    { title: 'Backups and restore drills', panels: [
      { type: 'stat', title: 'Last backup age', unit: 's', description: 'Alert at 26 h.',
        queries: { '{{env}}': `time() - max by (env) (notejam_backup_last_success_timestamp_seconds{${ENV}})` },
        thresholds: ['green', 24 * 3600, 'yellow', 26 * 3600, 'red'] },
      { type: 'stat', title: 'Last restore drill age', unit: 's', description: 'Alert at 8 days.',
        queries: { '{{env}}': `time() - max by (env) (notejam_restore_drill_last_success_timestamp_seconds{${ENV}})` },
        thresholds: ['green', 7 * 86400, 'yellow', 8 * 86400, 'red'] },
      { type: 'stat', title: 'Last backup status', unit: 'bool_yes_no', thresholds: ['red', 1, 'green'],
        queries: { '{{env}}': `min by (env) (notejam_backup_last_status{${ENV}})` } },
      { type: 'stat', title: 'Last drill status', unit: 'bool_yes_no', thresholds: ['red', 1, 'green'],
        queries: { '{{env}}': `min by (env) (notejam_restore_drill_last_status{${ENV}})` } },
      { w: 8, title: 'Backup size', unit: 'bytes', queries: { '{{env}}': `max by (env) (notejam_backup_size_bytes{${ENV}})` } },
      { w: 8, title: 'Backup duration', unit: 's', queries: { '{{env}}': `max by (env) (notejam_backup_duration_seconds{${ENV}})` } },
      { w: 8, title: 'Age of the backup the drill restored', unit: 's',
        queries: { '{{env}}': `max by (env) (notejam_restore_drill_backup_age_seconds{${ENV}})` } },
    ] },
  ],
};
