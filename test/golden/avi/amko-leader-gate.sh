#!/usr/bin/env bash
# Restarts AMKO in cluster tanzuhispano-db so it runs the applied config, then checks it.
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

cluster=tanzuhispano-db
gate_deadline=$((SECONDS + 600))
remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }
fail() { echo "cluster $cluster: $1" >&2; exit 1; }
k() { kubectl -n avi-system "$@"; }
k patch amkoclusters.amko.vmware.com amkocluster-federation --subresource=status --type=merge -p '{"status":{"conditions":[]}}' >/dev/null \
    || fail 'AMKOCluster amkocluster-federation is missing (the AMKO chart creates it)'
k patch gslbconfigs.amko.vmware.com gc-1 --type=merge -p '{"status":{"state":""}}' >/dev/null \
    || fail 'GSLBConfig gc-1 is missing (the AMKO chart creates it)'
k rollout restart statefulset/amko >/dev/null || fail 'StatefulSet avi-system/amko could not be restarted (is the chart installed?)'
in_slices 'StatefulSet avi-system/amko in cluster tanzuhispano-db' "$(remaining)" k rollout status statefulset/amko >/dev/null || fail 'AMKO did not roll out within 600s'
expected='current AMKOCluster Validation=valid AMKOCluster object
member cluster initialisation=all cluster clients fetched
member cluster validation=validated all member clusters
GSLBConfig Federation=federated to all valid clusters successfully
GDP Federation=federated to all valid clusters successfully'
conditions() { k get amkoclusters.amko.vmware.com amkocluster-federation -o jsonpath='{range .status.conditions[*]}{.type}={.status}{"\n"}{end}'; }
federated() { local seen; seen="$(conditions)"; while IFS= read -r line; do grep -qxF -- "$line" <<<"$seen" || return 1; done <<<"$expected"; }
until federated; do
  ((SECONDS < gate_deadline)) || fail "AMKO did not federate to every member within 600s; AMKOCluster amkocluster-federation says: $(k get amkoclusters.amko.vmware.com amkocluster-federation -o jsonpath='{range .status.conditions[*]}{.type}: {.status} {.reason}; {end}')"
  progress "AMKO federation in cluster $cluster" "$(conditions | tr '\n' ' ')"
  sleep 5
done
state() { k get gslbconfigs.amko.vmware.com gc-1 -o jsonpath='{.status.state}'; }
until [ "$(state)" = 'success: gslb config accepted' ]; do
  ((SECONDS < gate_deadline)) || fail "AMKO did not get its GSLBConfig accepted by the GSLB leader controller within 600s; GSLBConfig gc-1 says: $(state)"
  progress "GSLBConfig acceptance in cluster $cluster" "state: $(state)"
  sleep 5
done
echo 'AMKO runs in cluster tanzuhispano-db'
