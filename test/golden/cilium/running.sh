#!/usr/bin/env bash
# Waits until Cilium runs in cluster k8s-cilium-01.
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
deadline=$((SECONDS + 600))
# Seconds left before the deadline (at least 1), for the bounded kubectl waits.
left() { local s=$((deadline - SECONDS)); (( s > 0 )) || s=1; echo "$s"; }
fail() { echo "$1" >&2; exit 1; }

in_slices 'Cilium agents (DaemonSet kube-system/cilium) in cluster k8s-cilium-01' "$(left)" k rollout status ds/cilium >/dev/null || fail 'cluster k8s-cilium-01: the Cilium agents (DaemonSet kube-system/cilium) did not roll out on every node within 600s'
envoy="$(k get ds cilium-envoy --ignore-not-found -o name 2>/dev/null)" ||
  fail 'cluster k8s-cilium-01: cannot tell whether the Cilium Envoy DaemonSet kube-system/cilium-envoy exists (kubectl get failed)'
if [[ -n "$envoy" ]]; then
  in_slices 'Cilium Envoy proxies (DaemonSet kube-system/cilium-envoy) in cluster k8s-cilium-01' "$(left)" k rollout status ds/cilium-envoy >/dev/null || fail 'cluster k8s-cilium-01: the Cilium Envoy proxies (DaemonSet kube-system/cilium-envoy) did not roll out on every node within 600s'
fi
in_slices 'cilium-operator Available in cluster k8s-cilium-01' "$(left)" k wait --for=condition=Available deploy/cilium-operator >/dev/null || fail 'cluster k8s-cilium-01: cilium-operator did not become Available within 600s'
echo 'Cilium is running in cluster k8s-cilium-01'
