#!/usr/bin/env bash
# Waits until the Linkerd control plane serves in cluster kind-east.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 600))
until kubectl get crd httproutes.gateway.networking.k8s.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD httproutes.gateway.networking.k8s.io in cluster kind-east' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/httproutes.gateway.networking.k8s.io
deadline=$((SECONDS + 600))
until kubectl get crd servers.policy.linkerd.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD servers.policy.linkerd.io in cluster kind-east' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/servers.policy.linkerd.io
kubectl -n linkerd rollout status deployment/linkerd-identity --timeout=600s
kubectl -n linkerd rollout status deployment/linkerd-destination --timeout=600s
kubectl -n linkerd rollout status deployment/linkerd-proxy-injector --timeout=600s
echo 'the Linkerd control plane serves in cluster kind-east'
