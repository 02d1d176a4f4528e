#!/usr/bin/env bash
# ClusterSet gate of member tanzuhispano-01: connected to leader tanzuhispano-db now, with an elected Gateway.
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
controller_started() {
  local deleting started newest=""
  while IFS='|' read -r deleting started; do
    if [[ -z "$deleting" && -n "$started" && "$started" > "$newest" ]]; then newest="$started"; fi
  done < <(kubectl -n kube-system get pods -l app=antrea,component=antrea-mc-controller -o jsonpath='{range .items[*]}{.metadata.deletionTimestamp}{"|"}{.status.containerStatuses[?(@.name=="antrea-mc-controller")].state.running.startedAt}{"\n"}{end}' 2>/dev/null)
  [[ -n "$newest" ]] && echo "$newest"
}
pending=""
check() {
  local started generation observed type status at ready="" ready_at="" is_leader=""
  started="$(controller_started)" || { pending="no antrea-mc-controller Pod runs in kube-system"; return 1; }
  read -r generation observed < <(k get clustersets.multicluster.crd.antrea.io/tanzuhispano -o jsonpath='{.metadata.generation}{" "}{.status.observedGeneration}{"\n"}' 2>/dev/null) || { pending="the ClusterSet cannot be read"; return 1; }
  [[ "${observed:-}" == "$generation" ]] || { pending="the controller has not processed ClusterSet generation $generation yet"; return 1; }
  while read -r type status at; do
    case "$type" in Ready) ready="$status" ready_at="$at" ;; IsLeader) is_leader="$status" ;; esac
  done < <(k get clustersets.multicluster.crd.antrea.io/tanzuhispano -o jsonpath='{range .status.clusterStatuses[?(@.clusterID=="tanzuhispano-db")].conditions[*]}{.type}{" "}{.status}{" "}{.lastTransitionTime}{"\n"}{end}' 2>/dev/null)
  [[ "$ready" == True && "$is_leader" == True ]] || { pending="leader tanzuhispano-db: Ready=${ready:-unreported} IsLeader=${is_leader:-unreported}"; return 1; }
  [[ ! "$ready_at" < "$started" ]] || { pending="Ready dates from $ready_at, before the running controller started ($started): stale status"; return 1; }
  local ip cidr want_ip want_cidr
  read -r node ip cidr < <(k get gateways.multicluster.crd.antrea.io -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.gatewayIP}{" "}{.serviceCIDR}{"\n"}{end}' 2>/dev/null) || true
  [[ -n "${node:-}" ]] || { pending="no Gateway yet: is a candidate Node annotated, Ready and with an address?"; return 1; }
  [[ ' tanzuhispano-01-worker-1 ' == *" $node "* ]] || { pending="Gateway $node is not one of the candidate Nodes tanzuhispano-01-worker-1"; return 1; }
  case "$node" in *) want_ip="" ;; esac
  [[ -n "${ip:-}" && ( -z "$want_ip" || "$ip" == "$want_ip" ) ]] || { pending="Gateway $node has IP ${ip:-none}${want_ip:+, not the pinned $want_ip}"; return 1; }
  want_cidr=10.228.96.0/22
  [[ -z "$want_cidr" || "${cidr:-}" == "$want_cidr" ]] || { pending="Gateway $node carries Service CIDR ${cidr:-none}, not $want_cidr"; return 1; }
}
deadline=$((SECONDS + 600))
until check; do
  if (( SECONDS >= deadline )); then
    echo 'cluster tanzuhispano-01: ClusterSet tanzuhispano is not connected with a valid Gateway after 600s:'" $pending" >&2
    exit 1
  fi
  progress 'ClusterSet tanzuhispano in cluster tanzuhispano-01' "$pending"
  sleep 5
done
echo 'cluster tanzuhispano-01: ClusterSet tanzuhispano is connected to leader tanzuhispano-db'" through Gateway $node"
