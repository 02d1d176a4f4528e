#!/usr/bin/env bash
# Waits until the member antrea-mc-controller serves in cluster tanzuhispano-db.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 600))
until kubectl get crd clusterinfoimports.multicluster.crd.antrea.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD clusterinfoimports.multicluster.crd.antrea.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/clusterinfoimports.multicluster.crd.antrea.io
deadline=$((SECONDS + 600))
until kubectl get crd clustersets.multicluster.crd.antrea.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD clustersets.multicluster.crd.antrea.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/clustersets.multicluster.crd.antrea.io
deadline=$((SECONDS + 600))
until kubectl get crd gateways.multicluster.crd.antrea.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD gateways.multicluster.crd.antrea.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/gateways.multicluster.crd.antrea.io
deadline=$((SECONDS + 600))
until kubectl get crd labelidentities.multicluster.crd.antrea.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD labelidentities.multicluster.crd.antrea.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/labelidentities.multicluster.crd.antrea.io
deadline=$((SECONDS + 600))
until kubectl get crd serviceexports.multicluster.x-k8s.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD serviceexports.multicluster.x-k8s.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/serviceexports.multicluster.x-k8s.io
deadline=$((SECONDS + 600))
until kubectl get crd serviceimports.multicluster.x-k8s.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD serviceimports.multicluster.x-k8s.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/serviceimports.multicluster.x-k8s.io
kubectl -n kube-system rollout status deployment/antrea-mc-controller --timeout=600s
deadline=$((SECONDS + 600))
until [[ -n "$(kubectl get validatingwebhookconfiguration antrea-mc-validating-webhook-configuration -o jsonpath='{.webhooks[0].clientConfig.caBundle}' 2>/dev/null)" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'cluster tanzuhispano-db: validatingwebhookconfiguration antrea-mc-validating-webhook-configuration has no CA after 600s; antrea-mc-controller injects it only at start, so delete its pod once the configuration exists' >&2
    exit 1
  fi
  sleep 2
done
echo 'the member antrea-mc-controller serves in cluster tanzuhispano-db'
