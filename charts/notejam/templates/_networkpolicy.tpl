{{/* NetworkPolicy peers for a backend: (dict "ctx" $ "name" "database" "b" .Values.networkPolicy.database) */}}
{{- define "notejam.backendPeers" -}}
{{- if not (or .b.cidrs .b.podLabels) -}}
{{- fail (printf "networkPolicy.%s needs cidrs or podLabels (where the API may connect)" .name) -}}
{{- end -}}
{{- range .b.cidrs }}
- ipBlock: {cidr: {{ . | quote }}}
{{- end }}
{{- with .b.podLabels }}
- podSelector:
    matchLabels:
      {{- toYaml . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* Egress to the cluster DNS (CoreDNS in kube-system). */}}
{{- define "notejam.dnsEgress" -}}
- to:
    - namespaceSelector:
        matchLabels: {kubernetes.io/metadata.name: kube-system}
      podSelector:
        matchLabels: {k8s-app: kube-dns}
  ports:
    - {protocol: UDP, port: 53}
    - {protocol: TCP, port: 53}
{{- end -}}
