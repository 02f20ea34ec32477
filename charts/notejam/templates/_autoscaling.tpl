{{/* HPA behavior shared by the HPA and the KEDA ScaledObject: fast up, slow down. */}}
{{- define "notejam.hpaBehavior" -}}
{{- $up := .Values.autoscaling.scaleUp -}}
{{- $down := .Values.autoscaling.scaleDown -}}
scaleUp:
  stabilizationWindowSeconds: {{ $up.stabilizationWindowSeconds }}
  selectPolicy: Max
  policies:
    - type: Percent
      value: {{ $up.percent }}
      periodSeconds: {{ $up.periodSeconds }}
    - type: Pods
      value: {{ $up.pods }}
      periodSeconds: {{ $up.periodSeconds }}
scaleDown:
  stabilizationWindowSeconds: {{ $down.stabilizationWindowSeconds }}
  selectPolicy: Min
  policies:
    - type: Percent
      value: {{ $down.percent }}
      periodSeconds: {{ $down.periodSeconds }}
{{- end -}}
