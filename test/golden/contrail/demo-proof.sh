#!/usr/bin/env bash
# Proof: cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 answers ping across the clusters (seed 002's last step).
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

deadline=$((SECONDS + 1200))
in_slices 'pod default/cn2-demo-probe Ready in cluster cluster1' 1200 kubectl -n default wait --for=condition=Ready pod/cn2-demo-probe
bounded_out="$(mktemp)"
trap 'rm -f "$kubeconfig" "$bounded_out"' EXIT
bounded() {
  local end=$((SECONDS + $1)) out=$2 pid
  shift 2
  kubectl --request-timeout=15s "$@" >"$out" 2>&1 &
  pid=$!
  while (( SECONDS < end )) && kill -0 "$pid" 2>/dev/null; do sleep 1; done
  if kill -KILL "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; return 124; fi
  wait "$pid" 2>/dev/null
}
ping_target() {
  local limit status=0
  limit=$((deadline - SECONDS)); (( limit <= 20 )) || limit=20; (( limit >= 1 )) || limit=1
  bounded "$limit" "$bounded_out" -n default exec cn2-demo-probe -- ping -c 3 -W 2 "$1" || status=$?
  answer="$(cat "$bounded_out")"
  (( status != 124 )) || answer="kubectl exec into cn2-demo-probe did not end within ${limit}s (its stream hangs)"
  return "$status"
}
answer=""
until ping_target 10.234.129.0; do
  if ((SECONDS >= deadline)); then
    echo 'cluster cluster1: ping from cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 (10.234.129.0) got no answer within 1200s; last output:' "$(tail -n 2 <<<"$answer" | tr '\n' ' ')" >&2
    exit 1
  fi
  progress 'ping from cn2-demo-probe to 10.234.129.0 in cluster cluster1' "$(tail -n 1 <<<"$answer")"
  sleep 5
done
echo 'cluster cluster1: cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 (10.234.129.0) answered:' "$(tail -n 1 <<<"$answer")"
