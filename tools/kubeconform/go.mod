// Wrapper module: pins kubeconform, which validates the rendered chart against LOCAL JSON
// schemas (scripts/lib/deploy-checks.mjs writes them from PyPI kubernetes-validate and the
// Dapr CRDs; kubeconform's default schema download cannot work here). v0.8.0 is the newest
// release the module proxy serves (v0.6.4, v0.6.7, v0.7.0, v0.8.0 listed).
module healthsync.local/tools/kubeconform

go 1.26.6

require (
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2 // indirect
	github.com/yannh/kubeconform v0.8.0 // indirect
	go.yaml.in/yaml/v2 v2.4.4 // indirect
	golang.org/x/text v0.37.0 // indirect
	k8s.io/kube-openapi v0.0.0-20260603220949-865597e52e25 // indirect
	k8s.io/utils v0.0.0-20260210185600-b8788abfbbc2 // indirect
	sigs.k8s.io/yaml v1.6.0 // indirect
)
