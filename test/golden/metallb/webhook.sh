#!/usr/bin/env bash
# Waits until the MetalLB webhook serves in cluster kind-east, so pools can be created.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 600))
until kubectl get crd ipaddresspools.metallb.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD ipaddresspools.metallb.io in cluster kind-east' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/ipaddresspools.metallb.io
deadline=$((SECONDS + 600))
until kubectl get crd l2advertisements.metallb.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD l2advertisements.metallb.io in cluster kind-east' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/l2advertisements.metallb.io
kubectl -n metallb-system rollout status deployment/metallb-controller --timeout=600s
kubectl -n metallb-system rollout status daemonset/metallb-speaker --timeout=600s
deadline=$((SECONDS + 600))
until [[ -n "$(kubectl -n metallb-system get endpoints metallb-webhook-service -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for the MetalLB webhook Service of cluster kind-east to have endpoints' >&2
    exit 1
  fi
  sleep 3
done
probe='{"apiVersion":"metallb.io/v1beta1","kind":"L2Advertisement","metadata":{"name":"webhook-probe","namespace":"metallb-system"}}'
deadline=$((SECONDS + 600))
until printf '%s\n' "$probe" | kubectl create --dry-run=server -f - >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for the MetalLB webhook of cluster kind-east to accept a dry-run L2Advertisement' >&2
    exit 1
  fi
  sleep 3
done
echo 'the MetalLB webhook serves in cluster kind-east'
