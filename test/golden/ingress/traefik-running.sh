#!/usr/bin/env bash
# Waits until the traefik ingress controller serves in cluster kind-east.
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
addressed() {
  address="$(kc -n traefik get service traefik -o jsonpath='{.status.loadBalancer.ingress[0].ip}' 2>/dev/null)" || address=""
  [[ -n "$address" ]] || { pending='the load balancer has not given traefik/traefik an address'; return 1; }
}
gate_passes() {
  rolled_out traefik traefik || return 1
  meshed traefik app.kubernetes.io/name=traefik traefik || return 1
  addressed || return 1
}
deadline=$((SECONDS + 600))
until gate_passes; do
  if (( SECONDS >= deadline )); then
    echo "cluster $cluster: the traefik ingress controller does not serve after 600s: $pending" >&2
    exit 1
  fi
  sleep 3
done
echo "cluster $cluster: the traefik ingress controller serves on $address, meshed"
