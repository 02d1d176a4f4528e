#!/usr/bin/env bash
# Waits until every node of distributed cluster cluster2 is Ready under the CN2 vRouter.
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
fail() { echo "cluster $cluster: $1 within 1200s" >&2; exit 1; }
deadline=$((SECONDS + 1200))
until kubectl -n contrail get daemonset contrail-vrouter-masters >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 1200s waiting for DaemonSet contrail/contrail-vrouter-masters in cluster cluster2' >&2
    exit 1
  fi
  sleep 5
done
while read -r ds; do
  kubectl -n contrail rollout status "$ds" --timeout="$(remaining)s" || fail "vRouter $ds did not roll out"
done < <(kubectl -n contrail get daemonset -o name | grep '/contrail-vrouter-')
kubectl wait --for=condition=Ready node --all --timeout="$(remaining)s" || fail 'not every node is Ready under the vRouter'
echo "every node of distributed cluster $cluster is Ready under the CN2 vRouter"
