#!/usr/bin/env bash
# Drains member tanzuhispano-01 from the ClusterSet on leader tanzuhispano-db.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

k() { kubectl -n antrea-multicluster "$@"; }
mca=member-announce-from-tanzuhispano-01
kubectl version --request-timeout=15s >/dev/null 2>&1 || { echo "leader unreachable: nothing to drain"; exit 0; }
kubectl get crd memberclusterannounces.multicluster.crd.antrea.io >/dev/null 2>&1 || { echo "no leader CRDs: nothing to drain"; exit 0; }
deadline=$((SECONDS + 600))
while k get memberclusterannounces.multicluster.crd.antrea.io "$mca" >/dev/null 2>&1 && (( SECONDS < deadline )); do sleep 5; done
k delete memberclusterannounces.multicluster.crd.antrea.io "$mca" --ignore-not-found --wait=true --timeout=600s
mapfile -t stale < <(k get resourceexports.multicluster.crd.antrea.io -o jsonpath='{range .items[?(@.spec.clusterID=="tanzuhispano-01")]}{.metadata.name}{"\n"}{end}')
for name in "${stale[@]}"; do
  [[ -n "$name" ]] || continue
  k delete resourceexports.multicluster.crd.antrea.io "$name" --ignore-not-found --wait=true --timeout=600s || {
    echo 'leader tanzuhispano-db: ResourceExport'" $name "'of member tanzuhispano-01 was not removed within 600s (is the leader antrea-mc-controller running?)' >&2
    exit 1
  }
done
echo 'member tanzuhispano-01 left the ClusterSet on leader tanzuhispano-db'
