#!/usr/bin/env bash
# Waits until the leader antrea-mc-controller serves in cluster tanzuhispano-db.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

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
until kubectl get crd memberclusterannounces.multicluster.crd.antrea.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD memberclusterannounces.multicluster.crd.antrea.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/memberclusterannounces.multicluster.crd.antrea.io
deadline=$((SECONDS + 600))
until kubectl get crd resourceexports.multicluster.crd.antrea.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD resourceexports.multicluster.crd.antrea.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/resourceexports.multicluster.crd.antrea.io
deadline=$((SECONDS + 600))
until kubectl get crd resourceimports.multicluster.crd.antrea.io >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for CRD resourceimports.multicluster.crd.antrea.io in cluster tanzuhispano-db' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=600s crd/resourceimports.multicluster.crd.antrea.io
kubectl -n antrea-multicluster rollout status deployment/antrea-mc-controller --timeout=600s
deadline=$((SECONDS + 600))
until [[ -n "$(kubectl get validatingwebhookconfiguration antrea-multicluster-antrea-mc-validating-webhook-configuration -o jsonpath='{.webhooks[0].clientConfig.caBundle}' 2>/dev/null)" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'cluster tanzuhispano-db: validatingwebhookconfiguration antrea-multicluster-antrea-mc-validating-webhook-configuration has no CA after 600s; antrea-mc-controller injects it only at start, so delete its pod once the configuration exists' >&2
    exit 1
  fi
  sleep 2
done
deadline=$((SECONDS + 600))
until [[ -n "$(kubectl get mutatingwebhookconfiguration antrea-multicluster-antrea-mc-mutating-webhook-configuration -o jsonpath='{.webhooks[0].clientConfig.caBundle}' 2>/dev/null)" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'cluster tanzuhispano-db: mutatingwebhookconfiguration antrea-multicluster-antrea-mc-mutating-webhook-configuration has no CA after 600s; antrea-mc-controller injects it only at start, so delete its pod once the configuration exists' >&2
    exit 1
  fi
  sleep 2
done
echo 'the leader antrea-mc-controller serves in cluster tanzuhispano-db'
