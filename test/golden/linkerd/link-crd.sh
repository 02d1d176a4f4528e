#!/usr/bin/env bash
# Waits until the Link CRD is established in cluster kind-east.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 600))
until kubectl get crd links.multicluster.linkerd.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD links.multicluster.linkerd.io in cluster kind-east' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/links.multicluster.linkerd.io
echo 'the Link CRD is established in cluster kind-east'
