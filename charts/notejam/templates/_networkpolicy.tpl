{{/* NetworkPolicy peers for a backend: (dict "ctx" $ "name" "database" "b" .Values.networkPolicy.database) */}}
{{- define "notejam.backendPeers" -}}
{{- if not .b.cidrs -}}
{{- fail (printf "networkPolicy.%s needs cidrs (where the API may connect: Terraform's subnets)" .name) -}}
{{- end -}}
{{- range .b.cidrs }}
- ipBlock: {cidr: {{ . | quote }}}
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
