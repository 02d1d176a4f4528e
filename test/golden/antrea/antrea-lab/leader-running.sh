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
fail() { echo "$1" >&2; exit 1; }
late() { (( SECONDS >= deadline )); }
left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }
until kubectl get crd clustersets.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD clustersets.multicluster.crd.antrea.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/clustersets.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD clustersets.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd memberclusterannounces.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD memberclusterannounces.multicluster.crd.antrea.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/memberclusterannounces.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD memberclusterannounces.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd resourceexports.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD resourceexports.multicluster.crd.antrea.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/resourceexports.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD resourceexports.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd resourceimports.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD resourceimports.multicluster.crd.antrea.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/resourceimports.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD resourceimports.multicluster.crd.antrea.io is not established after 600s'
kubectl -n antrea-multicluster rollout status deployment/antrea-mc-controller --timeout="$(left)" || fail 'cluster tanzuhispano-db: the leader antrea-mc-controller in antrea-multicluster is not rolled out after 600s'
until [[ -n "$(kubectl get validatingwebhookconfiguration antrea-multicluster-antrea-mc-validating-webhook-configuration -o jsonpath='{.webhooks[0].clientConfig.caBundle}' 2>/dev/null)" ]]; do late && fail 'cluster tanzuhispano-db: validatingwebhookconfiguration antrea-multicluster-antrea-mc-validating-webhook-configuration has no CA after 600s; antrea-mc-controller injects it only at start, so delete its Pod once the configuration exists'; sleep 2; done
until [[ -n "$(kubectl get mutatingwebhookconfiguration antrea-multicluster-antrea-mc-mutating-webhook-configuration -o jsonpath='{.webhooks[0].clientConfig.caBundle}' 2>/dev/null)" ]]; do late && fail 'cluster tanzuhispano-db: mutatingwebhookconfiguration antrea-multicluster-antrea-mc-mutating-webhook-configuration has no CA after 600s; antrea-mc-controller injects it only at start, so delete its Pod once the configuration exists'; sleep 2; done
echo 'the leader antrea-mc-controller serves in cluster tanzuhispano-db'
