#!/usr/bin/env bash
# Waits until cilium-operator registered ciliumloadbalancerippools.cilium.io, ciliuml2announcementpolicies.cilium.io in cluster k8s-cilium-01.
set -euo pipefail
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

crds=(ciliumloadbalancerippools.cilium.io ciliuml2announcementpolicies.cilium.io)
for crd in "${crds[@]}"; do
  until kubectl get crd "$crd" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || fail "cluster k8s-cilium-01: cilium-operator did not register CRD $crd within 600s"
    sleep 5
  done
  kubectl wait --for condition=established --timeout="$(left)s" "crd/$crd" >/dev/null || fail "cluster k8s-cilium-01: CRD $crd is not established within 600s"
done
echo 'Cilium CRDs are established in cluster k8s-cilium-01'
