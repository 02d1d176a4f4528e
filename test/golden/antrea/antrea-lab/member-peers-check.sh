#!/usr/bin/env bash
# Peers gate of member tanzuhispano-01: every other member's ClusterInfo is imported.
set -euo pipefail
progress_every=${WAIT_PROGRESS_SECONDS:-20}; [[ $progress_every =~ ^[0-9]+$ ]] || progress_every=20
progress_what='' progress_since=0 progress_at=0
progress() {
  local state=${2-}
  state=${state//[[:cntrl:]]/ }
  if [[ $1 != "$progress_what" ]]; then progress_what=$1 progress_since=$SECONDS progress_at=$SECONDS; fi
  (( SECONDS - progress_at >= progress_every )) || return 0
  progress_at=$SECONDS
  printf '%s: %s, %d s\n' "$1" "${state:0:160}" "$((SECONDS - progress_since))" >&2
}
timed_out_slice() { [[ $1 == *"timed out waiting"* || $1 == *"context deadline exceeded"* ]]; }
in_slices() {
  local what=$1 end=$((SECONDS + ${2%s})) slice out status line state
  shift 2
  progress_what=''; progress "$what" waiting
  while :; do
    slice=$((end - SECONDS)); (( slice <= progress_every )) || slice=$progress_every; (( slice >= 1 )) || slice=1
    status=0; out="$("$@" --timeout="${slice}s" 2>&1)" || status=$?
    if (( status == 0 )); then [[ -z $out ]] || printf '%s\n' "$out"; return 0; fi
    if ! timed_out_slice "$out" || (( SECONDS >= end )); then printf '%s\n' "$out" >&2; return "$status"; fi
    state=waiting
    while IFS= read -r line; do [[ -z $line ]] || timed_out_slice "$line" || state=$line; done <<<"$out"
    progress "$what" "$state"
  done
}
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
  progress 'the peers'"'"' ClusterInfo in cluster tanzuhispano-01' "$pending"
  sleep 5
done
echo 'cluster tanzuhispano-01 imported the ClusterInfo of tanzuhispano-db, tanzuhispano-02'
