#!/usr/bin/env bash
# Restarts the Linkerd control plane and every meshed workload in cluster kind-east after trust anchor generation 1, phase bundle.
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
deadline=$((SECONDS + 600))
fail() { echo "$1" >&2; exit 1; }
left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }
kc -n linkerd rollout restart deployment/linkerd-identity >/dev/null || fail "cluster $cluster: deployment/linkerd-identity in linkerd could not be restarted"
kc -n linkerd rollout restart deployment/linkerd-destination >/dev/null || fail "cluster $cluster: deployment/linkerd-destination in linkerd could not be restarted"
kc -n linkerd rollout restart deployment/linkerd-proxy-injector >/dev/null || fail "cluster $cluster: deployment/linkerd-proxy-injector in linkerd could not be restarted"
for name in linkerd-identity linkerd-destination linkerd-proxy-injector; do
  in_slices "linkerd/deployment/$name" "$(left)" kubectl -n linkerd rollout status "deployment/$name" >/dev/null || fail "cluster $cluster: the restarted linkerd/deployment/$name is not rolled out after 600s"
done
listing="$(kc get pods -A -l linkerd.io/control-plane-ns -o jsonpath='{range .items[*]}{.metadata.namespace}{"|"}{.metadata.labels.linkerd\.io/proxy-deployment}{"|"}{.metadata.labels.linkerd\.io/proxy-daemonset}{"|"}{.metadata.labels.linkerd\.io/proxy-statefulset}{"\n"}{end}')" ||
  fail "cluster $cluster: the meshed pods could not be listed"
workloads="$(while IFS='|' read -r ns deployment daemonset statefulset; do
  [[ -n "$ns" && "$ns" != linkerd ]] || continue
  [[ -z "$deployment" ]] || echo "$ns deployment/$deployment"
  [[ -z "$daemonset" ]] || echo "$ns daemonset/$daemonset"
  [[ -z "$statefulset" ]] || echo "$ns statefulset/$statefulset"
done <<<"$listing" | sort -u)"
while read -r ns workload; do [[ -n "$ns" ]] || continue
  kc -n "$ns" rollout restart "$workload" >/dev/null || fail "cluster $cluster: $ns/$workload could not be restarted"
done <<<"$workloads"
while read -r ns workload; do [[ -n "$ns" ]] || continue
  in_slices "$ns/$workload" "$(left)" kubectl -n "$ns" rollout status "$workload" >/dev/null || fail "cluster $cluster: the restarted $ns/$workload is not rolled out after 600s"
done <<<"$workloads"
echo "cluster $cluster: the control plane and $(grep -c . <<<"$workloads") meshed workloads restarted after trust anchor generation 1, phase bundle"
