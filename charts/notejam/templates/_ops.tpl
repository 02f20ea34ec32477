{{/* Shared parts of the backup and restore-drill CronJobs (image Dockerfile.ops, uid 10002). */}}

{{/* Environment both jobs read (ops/backup/lib.sh): where the backups live and where metrics go. */}}
{{- define "notejam.opsEnv" -}}
{{- $b := .Values.backup -}}
- name: ENV_NAME
  value: {{ .Values.environment | quote }}
- name: BACKUP_BUCKET
  value: {{ required "backup.bucket is required (the S3 bucket of the backups)" $b.bucket | quote }}
- name: BACKUP_PREFIX
  value: {{ $b.prefix | quote }}
- name: AGE_RECIPIENT
  value: {{ required "backup.ageRecipient is required (age public key, not secret)" $b.ageRecipient | quote }}
- name: AWS_REGION
  value: {{ required "backup.awsRegion is required" $b.awsRegion | quote }}
{{- with $b.pushgatewayUrl }}
- name: PUSHGATEWAY_URL
  value: {{ . | quote }}
{{- end }}
- name: APP_VERSION
  value: {{ include "notejam.version" . | quote }}
- name: HOME
  value: /tmp
- name: TMPDIR
  value: /scratch
{{- end -}}

{{/* A CronJob around one ops script: (dict "ctx" $ "component" "backup" "script" "backup.sh" "job" .Values.backup
"schedule" "..." "sa" "notejam-backup" "env" <yaml> "mounts" <yaml> "volumes" <yaml>) */}}
{{- define "notejam.opsCronJob" -}}
{{- $ctx := .ctx -}}
{{- $j := .job -}}
apiVersion: batch/v1
kind: CronJob
metadata:
  name: {{ include "notejam.fullname" $ctx | trunc 40 | trimSuffix "-" }}-{{ .component }}
  labels:
    {{- include "notejam.componentLabels" (dict "ctx" $ctx "component" .component) | nindent 4 }}
spec:
  schedule: {{ .schedule | quote }}
  timeZone: {{ $ctx.Values.backup.timeZone }}
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 3600
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 3
  jobTemplate:
    metadata:
      labels:
        {{- include "notejam.componentLabels" (dict "ctx" $ctx "component" .component) | nindent 8 }}
    spec:
      backoffLimit: {{ $j.backoffLimit }}
      activeDeadlineSeconds: {{ $j.activeDeadlineSeconds }}
      template:
        metadata:
          labels:
            {{- include "notejam.componentLabels" (dict "ctx" $ctx "component" .component) | nindent 12 }}
        spec:
          restartPolicy: Never
          serviceAccountName: {{ .sa }}
          automountServiceAccountToken: false
          securityContext:
            {{- include "notejam.podSecurityContext" (dict "uid" 10002) | nindent 12 }}
          {{- with include "notejam.scheduling" $ctx | trim }}{{ . | nindent 10 }}{{ end }}
          containers:
            - name: {{ .component }}
              image: {{ include "notejam.image" (dict "ctx" $ctx "image" $ctx.Values.backup.image "what" "backup.image.repository") | quote }}
              imagePullPolicy: {{ $ctx.Values.backup.image.pullPolicy }}
              command: ["/opt/notejam/ops/{{ .script }}"]
              env:
                {{- include "notejam.opsEnv" $ctx | nindent 16 }}
                {{- .env | nindent 16 }}
              resources:
                {{- toYaml $j.resources | nindent 16 }}
              securityContext:
                {{- include "notejam.containerSecurityContext" $ctx | nindent 16 }}
              volumeMounts:
                - name: scratch
                  mountPath: /scratch
                - name: tmp
                  mountPath: /tmp
                {{- .mounts | nindent 16 }}
          volumes:
            - name: scratch
              emptyDir:
                sizeLimit: {{ $j.scratchSize }}
            - name: tmp
              emptyDir:
                medium: Memory
                sizeLimit: 64Mi
            {{- .volumes | nindent 12 }}
{{- end -}}

{{/* The ServiceAccount of one ops job; EKS Pod Identity associates it with its IAM role by namespace + name
(Terraform's association; tests/helm/pod-identity-closure.test.mjs), so it carries no annotation. */}}
{{- define "notejam.opsServiceAccount" -}}
{{- if .sa.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .sa.name }}
  labels:
    {{- include "notejam.componentLabels" (dict "ctx" .ctx "component" .component) | nindent 4 }}
automountServiceAccountToken: false
{{- end }}
{{- end -}}
