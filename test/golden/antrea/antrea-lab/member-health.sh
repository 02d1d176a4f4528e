#!/usr/bin/env bash
# ClusterSet gate of member tanzuhispano-01: its ClusterSet is Ready and a Multi-cluster Gateway exists.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

k() { kubectl -n kube-system "$@"; }
pending=""
check() {
  local ready message
  ready="$(k get clustersets.multicluster.crd.antrea.io/tanzuhispano -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" || { pending="the ClusterSet cannot be read"; return 1; }
  message="$(k get clustersets.multicluster.crd.antrea.io/tanzuhispano -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}' 2>/dev/null || true)"
  [[ "$ready" == "True" ]] || { pending="Ready is ${ready:-not reported}${message:+ ($message)}"; return 1; }
  [[ -n "$(k get gateways.multicluster.crd.antrea.io -o name 2>/dev/null)" ]] || { pending="no Gateway: is the gateway Node annotated and Ready?"; return 1; }
}
deadline=$((SECONDS + 600))
until check; do
  if (( SECONDS >= deadline )); then
    echo 'cluster tanzuhispano-01: ClusterSet tanzuhispano is not ready after 600s:'" $pending" >&2
    exit 1
  fi
  sleep 5
done
echo 'cluster tanzuhispano-01: ClusterSet tanzuhispano is Ready and has a Gateway'
