{{/* Names, labels, images and the shared security settings of every Notejam object. */}}

{{- define "notejam.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped base name: the release name when it already contains the chart name. */}}
{{- define "notejam.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "notejam.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The image tag every Notejam image uses unless told otherwise: the chart's appVersion. */}}
{{- define "notejam.version" -}}
{{- default .Chart.AppVersion .Values.image.tag -}}
{{- end -}}

{{/* Recommended labels (app.kubernetes.io/*) on every object. */}}
{{- define "notejam.labels" -}}
helm.sh/chart: {{ include "notejam.chart" . }}
{{ include "notejam.selectorLabels" . }}
app.kubernetes.io/version: {{ include "notejam.version" . | quote }}
app.kubernetes.io/part-of: notejam
app.kubernetes.io/managed-by: {{ .Release.Service }}
notejam.io/environment: {{ .Values.environment | quote }}
{{- end -}}

{{- define "notejam.selectorLabels" -}}
app.kubernetes.io/name: {{ include "notejam.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one component: (dict "ctx" $ "component" "api") */}}
{{- define "notejam.componentLabels" -}}
{{ include "notejam.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "notejam.componentSelector" -}}
{{ include "notejam.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* "repository:tag" of an image block: (dict "ctx" $ "image" .Values.x.image "what" "image.repository") */}}
{{- define "notejam.image" -}}
{{- $repo := required (printf "%s is required (the registry path of the image)" .what) .image.repository -}}
{{- printf "%s:%s" $repo (default .ctx.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{- define "notejam.apiName" -}}{{ include "notejam.fullname" . }}{{- end -}}

{{- define "notejam.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "notejam.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret with database-url, redis-url, jwt-keys[, smtp-url]. */}}
{{- define "notejam.secretName" -}}
{{- include "notejam.fullname" . }}-app
{{- end -}}

{{/* Pod-level hardening: non-root with the image's uid, RuntimeDefault seccomp. (dict "uid" 10001) */}}
{{- define "notejam.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level hardening, the same for every container of the chart. */}}
{{- define "notejam.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Secret file mounts for the API and the migration Job: env *_FILE pointing at /run/secrets/notejam. */}}
{{- define "notejam.secretFileEnv" -}}
- name: NOTEJAM_DATABASE_URL_FILE
  value: /run/secrets/notejam/database-url
- name: NOTEJAM_REDIS_URL_FILE
  value: /run/secrets/notejam/redis-url
- name: NOTEJAM_JWT_KEYS_FILE
  value: /run/secrets/notejam/jwt-keys
{{- if .Values.secrets.smtp }}
- name: NOTEJAM_SMTP_URL_FILE
  value: /run/secrets/notejam/smtp-url
{{- end }}
{{- end -}}

{{/* ExternalSecret data (dict ctx, purpose: "app" for the API's and the backup's Secret, "migrate" for the
migration hook's): Terraform's secrets (one value each; RDS's master user {username, password} only for
"migrate", which provisions the roles) -> template variables that notejam.externalSecretTemplate assembles into the Secret's keys. */}}
{{- define "notejam.externalSecretData" -}}
{{- $ctx := .ctx -}}
{{- $es := $ctx.Values.secrets.externalSecret -}}
{{- $k := $es.remoteKeys -}}
{{- $api := list "db_api_password" (required "secrets.externalSecret.remoteKeys.dbApiPassword is required (Terraform: <name>/db-api-password)" $k.dbApiPassword) "" -}}
{{- $backup := list "db_backup_password" (required "secrets.externalSecret.remoteKeys.dbBackupPassword is required (Terraform: <name>/db-backup-password)" $k.dbBackupPassword) "" -}}
{{- $refs := list -}}
{{- if eq .purpose "migrate" -}}
{{- $db := required "secrets.externalSecret.remoteKeys.database is required (Terraform: the RDS master user secret)" $k.database -}}
{{- $refs = list (list "db_username" $db "username") (list "db_password" $db "password")
     (list "db_migrate_password" (required "secrets.externalSecret.remoteKeys.dbMigratePassword is required (Terraform: <name>/db-migrate-password)" $k.dbMigratePassword) "")
     $api $backup -}}
{{- else -}}
{{- $refs = list $api $backup
     (list "redis_token" (required "secrets.externalSecret.remoteKeys.redisAuthToken is required (Terraform: <name>/redis-auth-token)" $k.redisAuthToken) "")
     (list "jwt_keys" (required "secrets.externalSecret.remoteKeys.jwtKeys is required (Terraform: <name>/jwt-keys)" $k.jwtKeys) "") -}}
{{- if $ctx.Values.secrets.smtp -}}
{{- $refs = append $refs (list "smtp_url" (required "secrets.externalSecret.remoteKeys.smtpUrl is required with secrets.smtp (Terraform: <name>/smtp-url)" $k.smtpUrl) "") -}}
{{- end -}}
{{- end -}}
{{- range $refs }}
- secretKey: {{ index . 0 }}
  remoteRef:
    key: {{ index . 1 | quote }}
    {{- with index . 2 }}
    property: {{ . }}
    {{- end }}
{{- end }}
{{- end -}}

{{/* The Secret's keys the API reads (notejam.secretFileEnv mounts them). */}}
{{- define "notejam.secretKeys" -}}
database-url redis-url jwt-keys{{ if .Values.secrets.smtp }} smtp-url{{ end }}
{{- end -}}

{{/* target.template, dict ctx, purpose as above: ESO's template
(engine v2: Go templates that ESO evaluates, so Helm must print their braces as they are: the backquoted strings
below). Credentials are URL-encoded; Redis through the stunnel sidecar on 127.0.0.1:6379 (ElastiCache is
TLS-only), RDS with sslmode=require. Each workload logs in as its own role (ops/backup/sql/provision-roles.sql):
the API as notejam_api, backups as notejam_backup, migrations as notejam_migrate; the master user only provisions
those roles (role-passwords/*) in the migration hook. */}}
{{- define "notejam.externalSecretTemplate" -}}
{{- $ctx := .ctx -}}
{{- $es := $ctx.Values.secrets.externalSecret -}}
{{- $host := required "secrets.externalSecret.database.host is required (Terraform: the RDS address)" $es.database.host -}}
{{- $name := required "secrets.externalSecret.database.name is required (Terraform: the RDS database name)" $es.database.name -}}
{{- $url := printf "postgresql://%%s:%%s@%s:%v/%s?sslmode=require" $host $es.database.port $name -}}
template:
  engineVersion: v2
  data:
    {{- if eq .purpose "migrate" }}
    database-url: {{ printf $url "notejam_migrate" `{{ .db_migrate_password | urlquery }}` | quote }}
    master-database-url: {{ printf $url `{{ .db_username | urlquery }}` `{{ .db_password | urlquery }}` | quote }}
    role-password-migrate: {{ `{{ .db_migrate_password }}` | quote }}
    role-password-api: {{ `{{ .db_api_password }}` | quote }}
    role-password-backup: {{ `{{ .db_backup_password }}` | quote }}
    {{- else }}
    database-url: {{ printf $url "notejam_api" `{{ .db_api_password | urlquery }}` | quote }}
    backup-database-url: {{ printf $url "notejam_backup" `{{ .db_backup_password | urlquery }}` | quote }}
    redis-url: {{ printf "redis://:%s@127.0.0.1:6379/0" `{{ .redis_token | urlquery }}` | quote }}
    jwt-keys: {{ `{{ .jwt_keys }}` | quote }}
    {{- if $ctx.Values.secrets.smtp }}
    smtp-url: {{ `{{ .smtp_url }}` | quote }}
    {{- end }}
    {{- end }}
{{- end -}}

{{/* Pod spec parts shared by the workloads: pull secrets, scheduling. */}}
{{- define "notejam.scheduling" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end -}}

{{/* Spread one component across zones and hosts; matchLabelKeys counts only the current ReplicaSet's pods. */}}
{{- define "notejam.topologySpread" -}}
{{- $ctx := .ctx -}}
{{- range $key, $topo := dict "zone" "topology.kubernetes.io/zone" "host" "kubernetes.io/hostname" }}
{{- $c := index $ctx.Values.topologySpread $key }}
- maxSkew: {{ $c.maxSkew }}
  topologyKey: {{ $topo }}
  whenUnsatisfiable: {{ $c.whenUnsatisfiable }}
  nodeTaintsPolicy: Honor
  labelSelector:
    matchLabels:
      {{- include "notejam.componentSelector" (dict "ctx" $ctx "component" $.component) | nindent 6 }}
  matchLabelKeys: ["pod-template-hash"]
{{- end }}
{{- end -}}

{{/* X-Forwarded-For hops in front of the API: config.trustedProxies, else those of the entry point
(CloudFront, then Terraform's ALB: 2; values.yaml explains). */}}
{{- define "notejam.trustedProxies" -}}
{{- $n := .Values.config.trustedProxies -}}
{{- if kindIs "invalid" $n -}}
2
{{- else -}}
{{- $n | int -}}
{{- end -}}
{{- end -}}
