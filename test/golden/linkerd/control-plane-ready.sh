#!/usr/bin/env bash
# Waits until the Linkerd control plane serves in cluster kind-east, then checks its certificates' expiry.
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
  sleep 3
done
issuer_pem="$(kc -n linkerd get secret linkerd-identity-issuer -o jsonpath='{.data.crt\.pem}' 2>/dev/null)" || issuer_pem=""
anchors_pem="$(kc -n linkerd get configmap linkerd-identity-trust-roots -o jsonpath='{.data.ca-bundle\.crt}' 2>/dev/null)" || anchors_pem=""
if [[ -n "$issuer_pem" ]] && command -v openssl >/dev/null 2>&1; then issuer_pem="$(openssl base64 -d -A <<<"$issuer_pem" 2>/dev/null)" || issuer_pem=""; fi
[[ -z "$issuer_pem" ]] || warn_if_expiring "identity issuer" "$issuer_pem"
[[ -z "$anchors_pem" ]] || warn_if_expiring "trust anchor" "$anchors_pem"
echo 'the Linkerd control plane serves in cluster kind-east'
