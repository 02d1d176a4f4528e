#!/usr/bin/env bash
# Waits until all 2 nodes of distributed cluster cluster2 are Ready under the CN2 vRouter.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

cluster=cluster2
gate_deadline=$((SECONDS + 1200))
remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }
fail() { echo "cluster $cluster: $1" >&2; exit 1; }
late() { fail "$1 within 1200s"; }
until kubectl -n contrail get daemonset contrail-vrouter-masters >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'DaemonSet contrail/contrail-vrouter-masters did not appear'
  sleep 5
done
while read -r ds; do
  kubectl -n contrail rollout status "$ds" --timeout="$(remaining)s" || late "vRouter $ds did not roll out"
done < <(kubectl -n contrail get daemonset -o name | grep '/contrail-vrouter-')
until (($(kubectl get nodes --no-headers | wc -l) >= 2)); do
  ((SECONDS < gate_deadline)) || late 'fewer than 2 nodes registered'
  sleep 5
done
kubectl wait --for=condition=Ready node --all --timeout="$(remaining)s" || late 'not every node is Ready under the vRouter'
echo 'all 2 nodes of distributed cluster cluster2 are Ready under the CN2 vRouter'
