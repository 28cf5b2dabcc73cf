{{/* Chart name and version as used by the chart label. */}}
{{- define "healthsync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "healthsync.labels" -}}
helm.sh/chart: {{ include "healthsync.chart" . }}
app.kubernetes.io/part-of: healthsync
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
{{- end -}}

{{/* Selector labels of one service's pods: (dict "root" $ "name" $name). */}}
{{- define "healthsync.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/*
Labels that pick one service's pods wherever they run: the chart's Deployment, and the
`<name>-primary` Deployment Flagger copies from it for a canary release. Flagger rewrites only
the selector label (app.kubernetes.io/name → `<name>-primary`) and keeps the other pod labels,
so NetworkPolicies, PodDisruptionBudgets and spread constraints select these, never
app.kubernetes.io/name. Called with (dict "root" $ "name" $name).
*/}}
{{- define "healthsync.podLabels" -}}
healthsync.io/service: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/*
One service's settings: serviceDefaults overlaid with services.<name>, two levels deep (a
service's `autoscaling.enabled: false` wins over a default `true`, which Sprig's merge
functions would ignore). Returns YAML (use with fromYaml); called with (dict "root" $ "name" $name).
*/}}
{{- define "healthsync.service" -}}
{{- $out := deepCopy .root.Values.serviceDefaults -}}
{{- range $key, $value := (index .root.Values.services .name) -}}
{{- if and (kindIs "map" $value) (kindIs "map" (get $out $key)) -}}
{{- $inner := deepCopy (get $out $key) -}}
{{- range $k, $v := $value -}}
{{- $_ := set $inner $k $v -}}
{{- end -}}
{{- $_ := set $out $key $inner -}}
{{- else -}}
{{- $_ := set $out $key $value -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* Full image reference: (dict "root" $ "repository" "healthsync/user"). */}}
{{- define "healthsync.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .repository .root.Values.image.tag -}}
{{- end -}}

{{/* Name of a service's Kubernetes service account. */}}
{{- define "healthsync.serviceAccountName" -}}
{{- printf "healthsync-%s" . -}}
{{- end -}}
