#!/usr/bin/env bash
# Re-exports every ServiceExport of member tanzuhispano-01 with endpointIPType PodIP.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

listing="$(kubectl get serviceexports.multicluster.x-k8s.io -A -o jsonpath='{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\n"}{end}')" || { echo 'cluster tanzuhispano-01: its ServiceExports cannot be listed' >&2; exit 1; }
mapfile -t exports <<<"$listing"
count=0
for entry in "${exports[@]}"; do
  [[ -n "$entry" ]] || continue
  read -r namespace name <<<"$entry"
  kubectl -n "$namespace" annotate serviceexports.multicluster.x-k8s.io "$name" antrea-clusterset.multicluster.local/endpoint-ip-type=PodIP --overwrite >/dev/null
  count=$((count + 1))
done
echo 'cluster tanzuhispano-01: re-exported'" $count "'ServiceExport(s) with endpointIPType PodIP'
