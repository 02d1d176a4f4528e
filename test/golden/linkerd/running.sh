#!/usr/bin/env bash
# Waits until Linkerd multicluster and viz run in cluster kind-east.
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
meshed() {
  local listing name deleting phase names count=0 bare=""
  listing="$(kc -n "$1" get pods -l "$2" -o jsonpath='{range .items[*]}{.metadata.name}{"|"}{.metadata.deletionTimestamp}{"|"}{.status.phase}{"|"}{.spec.initContainers[*].name} {.spec.containers[*].name}{"\n"}{end}' 2>/dev/null)" ||
    { pending="cannot list the $3 pods"; return 1; }
  while IFS='|' read -r name deleting phase names; do
    [[ -n "$name" && -z "$deleting" && "$phase" != Succeeded && "$phase" != Failed ]] || continue
    count=$((count + 1))
    [[ " $names " == *" linkerd-proxy "* ]] || bare="$bare $1/$name"
  done <<<"$listing"
  (( count > 0 )) || { pending="no $3 pod runs yet"; return 1; }
  [[ -z "$bare" ]] || {
    echo "cluster $cluster: the $3 pods$bare carry no Linkerd proxy (neither a native sidecar among the init containers nor a container), so the proxy injector did not mesh them; delete them so that their replacements are meshed" >&2
    exit 1
  }
}
gateway_ip=172.18.0.70
gateway_addressed() {
  [[ " $(kc -n linkerd-multicluster get service linkerd-gateway -o jsonpath='{.status.loadBalancer.ingress[*].ip}' 2>/dev/null) " == *" $gateway_ip "* ]] ||
    { pending="the load balancer has not given linkerd-multicluster/linkerd-gateway its address $gateway_ip (is the address in a pool and free?)"; return 1; }
}
gate_passes() {
  rolled_out linkerd-viz metrics-api || return 1
  rolled_out linkerd-viz prometheus || return 1
  rolled_out linkerd-viz tap || return 1
  rolled_out linkerd-viz tap-injector || return 1
  rolled_out linkerd-viz web || return 1
  rolled_out linkerd-multicluster linkerd-gateway || return 1
  meshed linkerd-multicluster app=linkerd-gateway gateway || return 1
  gateway_addressed || return 1
}
deadline=$((SECONDS + 600))
until gate_passes; do
  if (( SECONDS >= deadline )); then
    echo "cluster $cluster: Linkerd multicluster is not running after 600s: $pending" >&2
    exit 1
  fi
  progress 'the gate in cluster kind-east' "$pending"
  sleep 3
done
echo 'Linkerd multicluster runs in cluster kind-east; the gateway answers on 172.18.0.70'
