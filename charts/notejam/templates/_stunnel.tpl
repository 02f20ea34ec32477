{{/* The Redis TLS sidecar: a native sidecar (init container with restartPolicy Always) so it starts before the
API and stops after it, keeping Redis reachable while the API drains. */}}
{{- define "notejam.stunnelSidecar" -}}
- name: redis-tls
  image: {{ include "notejam.image" (dict "ctx" . "image" .Values.redisTls.image "what" "redisTls.image.repository") | quote }}
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
