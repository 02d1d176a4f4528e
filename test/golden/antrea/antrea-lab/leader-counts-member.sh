#!/usr/bin/env bash
# Leader gate: the ClusterSet on leader tanzuhispano-db counts member tanzuhispano-01 as Ready.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

member=tanzuhispano-01
pending=""
check() {
  local statuses
  statuses="$(kubectl -n antrea-multicluster get clustersets.multicluster.crd.antrea.io/tanzuhispano -o jsonpath='{range .status.clusterStatuses[*]}{.clusterID}{"="}{range .conditions[?(@.type=="Ready")]}{.status}{end}{"\n"}{end}' 2>/dev/null)" || { pending="the leader ClusterSet cannot be read"; return 1; }
  grep -qx "${member}=True" <<<"$statuses" || { pending="member ${member} is not Ready among: ${statuses//$'\n'/ }"; return 1; }
}
deadline=$((SECONDS + 600))
until check; do
  if (( SECONDS >= deadline )); then
    echo 'leader tanzuhispano-db: ClusterSet tanzuhispano does not count member tanzuhispano-01 as Ready after 600s:'" $pending" >&2
    exit 1
  fi
  sleep 5
done
echo 'leader tanzuhispano-db counts member tanzuhispano-01 as Ready'
