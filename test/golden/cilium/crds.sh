#!/usr/bin/env bash
# Waits until cilium-operator registered ciliumloadbalancerippools.cilium.io, ciliuml2announcementpolicies.cilium.io in cluster k8s-cilium-01.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 600))
until kubectl get crd ciliumloadbalancerippools.cilium.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD ciliumloadbalancerippools.cilium.io in cluster k8s-cilium-01' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/ciliumloadbalancerippools.cilium.io
deadline=$((SECONDS + 600))
until kubectl get crd ciliuml2announcementpolicies.cilium.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD ciliuml2announcementpolicies.cilium.io in cluster k8s-cilium-01' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/ciliuml2announcementpolicies.cilium.io
echo 'Cilium CRDs are established in cluster k8s-cilium-01'
