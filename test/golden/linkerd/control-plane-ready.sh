#!/usr/bin/env bash
# Waits until the Linkerd control plane serves in cluster kind-east, then checks its certificates' expiry.
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
crd_established() {
  [[ "$(kc get crd "$1" -o jsonpath='{.status.conditions[?(@.type=="Established")].status}' 2>/dev/null)" == True ]] ||
    { pending="the CRD $1 is not established yet"; return 1; }
}
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
warn_if_expiring() {
  local end
  command -v openssl >/dev/null 2>&1 || { echo "note: openssl is not installed, so the expiry of the $1 of cluster $cluster was not checked"; return 0; }
  end="$(openssl x509 -noout -enddate <<<"$2" 2>/dev/null)" || { echo "note: the $1 of cluster $cluster could not be read"; return 0; }
  openssl x509 -noout -checkend 5184000 <<<"$2" >/dev/null 2>&1 ||
    echo "warning: the $1 of cluster $cluster expires on ${end#notAfter=}, within the 60 days before expiry that Linkerd warns about"
}
gate_passes() {
  crd_established httproutes.gateway.networking.k8s.io || return 1
  crd_established servers.policy.linkerd.io || return 1
  rolled_out linkerd linkerd-identity || return 1
  rolled_out linkerd linkerd-destination || return 1
  rolled_out linkerd linkerd-proxy-injector || return 1
}
deadline=$((SECONDS + 600))
until gate_passes; do
  if (( SECONDS >= deadline )); then
    echo "cluster $cluster: the Linkerd control plane does not serve after 600s: $pending" >&2
    exit 1
  fi
  progress 'the gate in cluster kind-east' "$pending"
  sleep 3
done
issuer_pem="$(kc -n linkerd get secret linkerd-identity-issuer -o jsonpath='{.data.crt\.pem}' 2>/dev/null)" || issuer_pem=""
anchors_pem="$(kc -n linkerd get configmap linkerd-identity-trust-roots -o jsonpath='{.data.ca-bundle\.crt}' 2>/dev/null)" || anchors_pem=""
if [[ -n "$issuer_pem" ]] && command -v openssl >/dev/null 2>&1; then issuer_pem="$(openssl base64 -d -A <<<"$issuer_pem" 2>/dev/null)" || issuer_pem=""; fi
[[ -z "$issuer_pem" ]] || warn_if_expiring "identity issuer" "$issuer_pem"
[[ -z "$anchors_pem" ]] || warn_if_expiring "trust anchor" "$anchors_pem"
echo 'the Linkerd control plane serves in cluster kind-east'
