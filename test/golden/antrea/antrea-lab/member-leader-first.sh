#!/usr/bin/env bash
# Before member tanzuhispano-01 runs antrea-mc-controller v2.7.0: the controller of leader tanzuhispano-db runs it first.
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

deadline=$((SECONDS + 600))
fail() { echo "$1" >&2; exit 1; }
late() { (( SECONDS >= deadline )); }
left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }
want=v2.7.0
while :; do
  image="$(kubectl -n antrea-multicluster get deployment antrea-mc-controller --ignore-not-found -o jsonpath='{.spec.template.spec.containers[?(@.name=="antrea-mc-controller")].image}{"\n"}' 2>/dev/null)" || image="?"
  if [[ -z "$image" ]]; then echo 'leader tanzuhispano-db has no antrea-mc-controller yet (first install): nothing to wait for'; exit 0; fi
  if [[ "$image" == *":$want" ]]; then break; fi
  late && fail 'leader tanzuhispano-db: its antrea-mc-controller still runs'" ${image} "'after 600s, and members must not run a newer controller than the leader (upgrade the leader first)'
  progress 'antrea-mc-controller v2.7.0 on leader tanzuhispano-db' "runs ${image}"
  sleep 5
done
in_slices 'antrea-mc-controller v2.7.0 on leader tanzuhispano-db' "$(left)" kubectl -n antrea-multicluster rollout status deployment/antrea-mc-controller >/dev/null || fail 'leader tanzuhispano-db: its antrea-mc-controller v2.7.0 is not rolled out after 600s'
echo 'leader tanzuhispano-db runs antrea-mc-controller v2.7.0'
