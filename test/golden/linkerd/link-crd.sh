#!/usr/bin/env bash
# Waits until the Link CRD is established in cluster kind-east.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

kc() { kubectl --request-timeout=15s "$@"; }
cluster=kind-east
pending=""
crd_established() {
  [[ "$(kc get crd "$1" -o jsonpath='{.status.conditions[?(@.type=="Established")].status}' 2>/dev/null)" == True ]] ||
    { pending="the CRD $1 is not established yet"; return 1; }
}
gate_passes() {
  crd_established links.multicluster.linkerd.io || return 1
}
deadline=$((SECONDS + 600))
until gate_passes; do
  if (( SECONDS >= deadline )); then
    echo "cluster $cluster: the Link CRD is not established after 600s: $pending" >&2
    exit 1
  fi
  sleep 3
done
echo 'the Link CRD is established in cluster kind-east'
