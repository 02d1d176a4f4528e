#!/usr/bin/env bash
# Leader gate: the ClusterSet on leader tanzuhispano-db counts member tanzuhispano-01 as Ready now.
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

k() { kubectl -n antrea-multicluster "$@"; }
controller_started() {
  local deleting started newest=""
  while IFS='|' read -r deleting started; do
    if [[ -z "$deleting" && -n "$started" && "$started" > "$newest" ]]; then newest="$started"; fi
  done < <(kubectl -n antrea-multicluster get pods -l app=antrea,component=antrea-mc-controller -o jsonpath='{range .items[*]}{.metadata.deletionTimestamp}{"|"}{.status.containerStatuses[?(@.name=="antrea-mc-controller")].state.running.startedAt}{"\n"}{end}' 2>/dev/null)
  [[ -n "$newest" ]] && echo "$newest"
}
first_touch=""
pending=""
check() {
  local started status at touch
  started="$(controller_started)" || { pending="no antrea-mc-controller Pod runs in antrea-multicluster"; return 1; }
  read -r status at < <(k get clustersets.multicluster.crd.antrea.io/tanzuhispano -o jsonpath='{range .status.clusterStatuses[?(@.clusterID=="tanzuhispano-01")].conditions[?(@.type=="Ready")]}{.status}{" "}{.lastTransitionTime}{"\n"}{end}' 2>/dev/null) || { pending="the leader ClusterSet lists no status for member tanzuhispano-01"; return 1; }
  [[ "$status" == True ]] || { pending="Ready=${status:-unreported}"; return 1; }
  [[ ! "$at" < "$started" ]] || { pending="Ready dates from $at, before the running leader controller started ($started): stale status"; return 1; }
  touch="$(k get memberclusterannounces.multicluster.crd.antrea.io member-announce-from-tanzuhispano-01 -o jsonpath='{.metadata.annotations.touch-ts}' 2>/dev/null)" || touch=""
  [[ -n "$touch" ]] || { pending="member tanzuhispano-01 has not announced itself yet (no touch-ts on member-announce-from-tanzuhispano-01)"; return 1; }
  first_touch="${first_touch:-$touch}"
  [[ "$touch" != "$first_touch" ]] || { pending="member tanzuhispano-01 has not announced itself since $first_touch (its controller renews member-announce-from-tanzuhispano-01 every 10s)"; return 1; }
}
deadline=$((SECONDS + 600))
until check; do
  if (( SECONDS >= deadline )); then
    echo 'leader tanzuhispano-db: ClusterSet tanzuhispano does not count member tanzuhispano-01 as Ready after 600s:'" $pending" >&2
    exit 1
  fi
  progress 'member tanzuhispano-01 counted Ready in cluster tanzuhispano-db' "$pending"
  sleep 5
done
echo 'leader tanzuhispano-db counts member tanzuhispano-01 as Ready'
