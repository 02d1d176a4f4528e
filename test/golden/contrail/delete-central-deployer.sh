#!/usr/bin/env bash
# Deletes the objects of central_cluster_deployer_example.yaml of CN2 23.4 from cluster cluster1, waiting until they are gone.
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
command -v curl >/dev/null 2>&1 || { echo 'curl is required on the machine running pulumi' >&2; exit 1; }
command -v sha256sum >/dev/null 2>&1 || { echo 'sha256sum is required on the machine running pulumi' >&2; exit 1; }
command -v awk >/dev/null 2>&1 || { echo 'awk is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

if ! kubectl get --raw=/readyz >/dev/null 2>&1; then
  echo 'cluster cluster1 does not answer: the objects of central_cluster_deployer_example.yaml are left as they are' >&2
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work" "$kubeconfig"' EXIT
url=https://raw.githubusercontent.com/Juniper/contrail-networking/2a86f70c20cf95acd600e4de9af542700c3a6604/releases/23.4/k8s/multi-cluster/central_cluster_deployer_example.yaml
digest=557aeeb2ac591a31df73d74de41c1d2c4ccf6e602a297012e6fe635197ed38c5
if ! curl -fsSL --retry 3 --max-time 120 -o "$work/manifest.yaml" "$url"; then
  echo 'cluster cluster1: cannot download central_cluster_deployer_example.yaml of CN2 23.4 from' "$url" >&2
  exit 1
fi
if ! printf '%s  %s\n' "$digest" "$work/manifest.yaml" | sha256sum --check --status; then
  echo 'cluster cluster1: the file at' "$url" 'is not the pinned central_cluster_deployer_example.yaml of CN2 23.4 (its SHA-256 differs)' >&2
  exit 1
fi
awk 'function owned(d) {
  return d ~ /(^|\n)kind: Namespace\n/ || (d ~ /(^|\n)kind: Secret\n/ && d ~ /\n  name: registrypullsecret\n/)
}
function flush() {
  if (doc != "" && !owned(doc)) printf "%s---\n", doc
  doc = ""
}
/^---/ { flush(); next }
{ doc = doc $0 "\n" }
END { flush() }' "$work/manifest.yaml" >"$work/owned-dropped.yaml"
cp "$work/owned-dropped.yaml" "$work/apply.yaml"
deadline=$((SECONDS + 600))
remaining() { local left=$((deadline - SECONDS)); echo $((left > 1 ? left : 1)); }
served() { kubectl get "$1" -A -o name >/dev/null 2>&1; }
stuck() {
  local what=$1 resource; shift
  for resource in "$@"; do if served "$resource"; then kubectl get "$resource" -A -o jsonpath='{range .items[*]}{.kind} {.metadata.namespace}/{.metadata.name} finalizers={.metadata.finalizers}{"\n"}{end}' >&2; fi; done
  echo "cluster cluster1: $what were not deleted within 600s (listed above); "'the CN2 operator contrail-deploy/contrail-k8s-deployer must release their finalizers: its log (kubectl -n contrail-deploy logs deploy/contrail-k8s-deployer) says why it does not, and only if it is gone for good remove a finalizer by hand (kubectl patch <kind> <name> -n <namespace> --type=merge -p '"'"'{"metadata":{"finalizers":null}}'"'"'), then destroy again' >&2
  exit 1
}
stage() {
  local what=$1 resource kinds=(); shift
  for resource in "$@"; do if served "$resource"; then kinds+=("$resource"); fi; done
  ((${#kinds[@]} > 0)) || return 0
  kubectl delete "$(IFS=,; echo "${kinds[*]}")" --all -A --wait=true --timeout="$(remaining)s" >/dev/null || stuck "$what" "${kinds[@]}"
}
stage 'the certificate managers' contrailcertificatemanagers.configplane.juniper.net
stage 'the vRouters, Kubemanagers, control nodes and status monitor' vrouters.dataplane.juniper.net kubemanagers.configplane.juniper.net controls.controlplane.juniper.net contrailstatusmonitors.contrailstatus.juniper.net
stage 'the global vRouter and system configs' globalvrouterconfigs.core.contrail.juniper.net globalsystemconfigs.core.contrail.juniper.net
stage 'the API server and the controller' apiservers.configplane.juniper.net controllers.configplane.juniper.net
# An APIService left behind without its server would stall every namespace deletion of the cluster.
while read -r apiservice; do
  kubectl delete "$apiservice" --ignore-not-found --wait=true --timeout="$(remaining)s" >/dev/null ||
    { echo "cluster cluster1: $apiservice (CN2's API, its server gone) was not deleted; "'kubectl describe it for why, then destroy again' >&2; exit 1; }
done < <(kubectl get apiservices -o name | grep '\.core\.contrail\.juniper\.net$' || true)
if ! kubectl delete --ignore-not-found --wait=true --timeout="$(remaining)s" -f "$work/apply.yaml"; then
  kubectl get --ignore-not-found -f "$work/apply.yaml" -o jsonpath='{range .items[*]}{.kind} {.metadata.namespace}/{.metadata.name} finalizers={.metadata.finalizers}{"\n"}{end}' >&2 || true
  echo 'cluster cluster1: objects of central_cluster_deployer_example.yaml were not deleted within 600s (listed above); the CN2 operator contrail-deploy/contrail-k8s-deployer must release their finalizers: its log (kubectl -n contrail-deploy logs deploy/contrail-k8s-deployer) says why it does not, and only if it is gone for good remove a finalizer by hand (kubectl patch <kind> <name> -n <namespace> --type=merge -p '"'"'{"metadata":{"finalizers":null}}'"'"'), then destroy again' >&2
  exit 1
fi
echo 'cluster cluster1: deleted the objects of central_cluster_deployer_example.yaml'
