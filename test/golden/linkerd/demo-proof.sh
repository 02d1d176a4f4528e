#!/usr/bin/env bash
# Demo proof in cluster kind-east: requests through the frontend and podinfo-split reach every cluster.
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

kc() { kubectl --request-timeout=15s "$@"; }
cluster=kind-east
pending=""
k() { kc -n test "$@"; }
expected=(kind-east kind-west)
request='for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- -T 3 http://127.0.0.1:8080/ || true; echo; done'
seen=""
replies_file="$(mktemp)"
trap 'rm -f "$kubeconfig" "$replies_file"' EXIT
rolled_out() {
  local status generation observed wanted current updated available
  status="$(kc -n "$1" get deployment "$2" -o jsonpath='{.metadata.generation}/{.status.observedGeneration}/{.spec.replicas}/{.status.replicas}/{.status.updatedReplicas}/{.status.availableReplicas}' 2>/dev/null)" ||
    { pending="the Deployment $1/$2 does not exist yet"; return 1; }
  IFS=/ read -r generation observed wanted current updated available <<<"$status"
  if [[ -z "$observed" ]] || (( generation > observed || ${updated:-0} < ${wanted:-1} || ${current:-0} > ${updated:-0} || ${available:-0} < ${updated:-0} )); then
    pending="the Deployment $1/$2 is not rolled out (${available:-0} of ${wanted:-1} replicas updated and available)"
    return 1
  fi
}
bounded() {
  local end=$((SECONDS + $1)) out=$2 pid
  shift 2
  kubectl --request-timeout=15s "$@" >"$out" 2>/dev/null &
  pid=$!
  while (( SECONDS < end )) && kill -0 "$pid" 2>/dev/null; do sleep 1; done
  if kill -KILL "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; return 124; fi
  wait "$pid" 2>/dev/null
}
mirror_ready() {
  [[ -n "$(k get endpoints "$1" -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" ]] ||
    { pending="the mirror test/$1 of cluster $2's podinfo has no endpoints yet"; return 1; }
}
answered_by_all() {
  local replies name want limit
  limit=$((deadline - SECONDS)); (( limit <= 45 )) || limit=45; (( limit >= 1 )) || limit=1
  bounded "$limit" "$replies_file" -n test exec deploy/frontend -c nginx -- sh -c "$request" || true
  replies="$(cat "$replies_file")"
  while read -r name; do
    [[ -z "$name" || " $seen " == *" $name "* ]] || seen="$seen $name"
  done < <(grep -oE 'greetings from [a-z0-9-]+' <<<"$replies" | sed 's/^greetings from //')
  for want in "${expected[@]}"; do
    [[ " $seen " == *" $want "* ]] || { pending="requests through the frontend and podinfo-split were answered by:${seen:- nobody}, not yet by $want"; return 1; }
  done
}
gate_passes() {
  rolled_out test podinfo || return 1
  rolled_out test frontend || return 1
  mirror_ready podinfo-kind-west kind-west || return 1
  answered_by_all || return 1
}
deadline=$((SECONDS + 600))
until gate_passes; do
  if (( SECONDS >= deadline )); then
    echo "cluster $cluster: the demo is not answered by every cluster after 600s: $pending" >&2
    exit 1
  fi
  progress 'the gate in cluster kind-east' "$pending"
  sleep 5
done
echo "cluster $cluster: requests through the frontend and podinfo-split were answered by ${expected[*]}"
