{{/* The Redis TLS sidecar: a native sidecar (init container with restartPolicy Always) so it starts before the
API and stops after it, keeping Redis reachable while the API drains. */}}
{{- define "notejam.stunnelSidecar" -}}
- name: redis-tls
  {{- /* stunnel lives in the ops image: without its own tag the sidecar runs the backup image's tag, never the chart's appVersion (no such image tag when installed from the source tree) */}}
  image: {{ include "notejam.image" (dict "ctx" . "image" (dict "repository" .Values.redisTls.image.repository "tag" (default .Values.backup.image.tag .Values.redisTls.image.tag)) "what" "redisTls.image.repository") | quote }}
  imagePullPolicy: {{ .Values.redisTls.image.pullPolicy }}
  restartPolicy: Always
  command: ["stunnel", "/etc/stunnel/stunnel.conf"]
  resources:
    {{- toYaml .Values.redisTls.resources | nindent 4 }}
  securityContext:
    {{- include "notejam.containerSecurityContext" . | nindent 4 }}
  volumeMounts:
    - name: stunnel
      mountPath: /etc/stunnel
      readOnly: true
{{- end -}}
