#!/usr/bin/env bash
# Peers gate of member tanzuhispano-01: every other member's ClusterInfo is imported.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

k() { kubectl -n kube-system "$@"; }
peer_ok() {
  local id=$1 want_cidr=$2 want_pods=$3 want_ips=$4 cid cidr ips pods key
  IFS='|' read -r cid cidr ips pods key < <(k get clusterinfoimports.multicluster.crd.antrea.io "$id-clusterinfo" -o jsonpath='{.spec.clusterID}{"|"}{.spec.serviceCIDR}{"|"}{.spec.gatewayInfos[*].gatewayIP}{"|"}{.spec.podCIDRs[*]}{"|"}{.spec.wireGuard.publicKey}{"\n"}' 2>/dev/null) || { pending="no ClusterInfoImport from member $id yet (is its Gateway elected and its controller connected?)"; return 1; }
  [[ "$cid" == "$id" ]] || { pending="ClusterInfoImport $id-clusterinfo names cluster ${cid:-none}"; return 1; }
  [[ -n "$ips" ]] || { pending="member $id exports no gateway IP"; return 1; }
  [[ -z "$want_ips" || " $want_ips " == *" ${ips%% *} "* ]] || { pending="member $id exports gateway IP $ips, not one of its pinned $want_ips"; return 1; }
  [[ -z "$want_cidr" || "$cidr" == "$want_cidr" ]] || { pending="member $id exports Service CIDR ${cidr:-none}, not $want_cidr"; return 1; }
  [[ "$pods" == "$want_pods" ]] || { pending="member $id exports Pod CIDRs ${pods:-none}, not $want_pods"; return 1; }
  (( ! 0 )) || [[ -n "$key" ]] || { pending="member $id exports no WireGuard public key"; return 1; }
}
pending=""
check() {
  peer_ok tanzuhispano-db 10.228.112.0/22 10.118.112.0/22 '' || return 1
  peer_ok tanzuhispano-02 10.228.128.0/22 10.118.128.0/22 '' || return 1
}
deadline=$((SECONDS + 600))
until check; do
  if (( SECONDS >= deadline )); then
    echo 'cluster tanzuhispano-01: the other members'"'"' ClusterInfo is not imported after 600s:'" $pending" >&2
    exit 1
  fi
  sleep 5
done
echo 'cluster tanzuhispano-01 imported the ClusterInfo of tanzuhispano-db, tanzuhispano-02'
