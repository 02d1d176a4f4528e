#!/usr/bin/env bash
# Waits until Linkerd multicluster and viz run in cluster kind-east.
set -euo pipefail
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
  sleep 3
done
echo 'Linkerd multicluster runs in cluster kind-east; the gateway answers on 172.18.0.70'
