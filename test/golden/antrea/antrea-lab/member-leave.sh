#!/usr/bin/env bash
# Drains member tanzuhispano-01 from the ClusterSet on leader tanzuhispano-db.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 600))
fail() { echo "$1" >&2; exit 1; }
late() { (( SECONDS >= deadline )); }
left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }
k() { kubectl -n antrea-multicluster "$@"; }
mca=member-announce-from-tanzuhispano-01
until kubectl version --request-timeout=10s >/dev/null 2>&1; do
  late && fail 'leader tanzuhispano-db did not answer for 600s, so member tanzuhispano-01 was not drained (its MemberClusterAnnounce and ResourceExports may remain); run destroy again once the leader answers, or, if the leader is gone for good, remove this resource from the state with pulumi state delete'
  sleep 5
done
kubectl get crd memberclusterannounces.multicluster.crd.antrea.io >/dev/null 2>&1 || { echo "no leader CRDs: nothing to drain"; exit 0; }
mca_wait=$((SECONDS + 60)); (( mca_wait < deadline )) || mca_wait=$deadline
while k get memberclusterannounces.multicluster.crd.antrea.io "$mca" >/dev/null 2>&1 && (( SECONDS < mca_wait )); do sleep 5; done
k delete memberclusterannounces.multicluster.crd.antrea.io "$mca" --ignore-not-found --wait=true --timeout="$(left)" >/dev/null || fail 'leader tanzuhispano-db: the MemberClusterAnnounce of member tanzuhispano-01 was not removed within 600s (is the leader antrea-mc-controller running?)'
listing="$(k get resourceexports.multicluster.crd.antrea.io -o jsonpath='{range .items[?(@.spec.clusterID=="tanzuhispano-01")]}{.metadata.name}{"\n"}{end}')" || fail 'leader tanzuhispano-db: its ResourceExports cannot be listed'
mapfile -t stale <<<"$listing"
for name in "${stale[@]}"; do
  [[ -n "$name" ]] || continue
  k delete resourceexports.multicluster.crd.antrea.io "$name" --ignore-not-found --wait=true --timeout="$(left)" >/dev/null || fail 'leader tanzuhispano-db: a ResourceExport of member tanzuhispano-01 was not removed within 600s (is the leader antrea-mc-controller running?):'" $name"
done
echo 'member tanzuhispano-01 left the ClusterSet on leader tanzuhispano-db'
