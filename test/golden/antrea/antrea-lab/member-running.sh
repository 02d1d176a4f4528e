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
fail() { echo "$1" >&2; exit 1; }
late() { (( SECONDS >= deadline )); }
left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }
until kubectl get crd clusterinfoimports.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD clusterinfoimports.multicluster.crd.antrea.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/clusterinfoimports.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD clusterinfoimports.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd clustersets.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD clustersets.multicluster.crd.antrea.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/clustersets.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD clustersets.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd gateways.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD gateways.multicluster.crd.antrea.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/gateways.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD gateways.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd labelidentities.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD labelidentities.multicluster.crd.antrea.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/labelidentities.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD labelidentities.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd serviceexports.multicluster.x-k8s.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD serviceexports.multicluster.x-k8s.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/serviceexports.multicluster.x-k8s.io >/dev/null || fail 'cluster tanzuhispano-db: CRD serviceexports.multicluster.x-k8s.io is not established after 600s'
until kubectl get crd serviceimports.multicluster.x-k8s.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD serviceimports.multicluster.x-k8s.io does not exist after 600s'; sleep 5; done
kubectl wait --for condition=established --timeout="$(left)" crd/serviceimports.multicluster.x-k8s.io >/dev/null || fail 'cluster tanzuhispano-db: CRD serviceimports.multicluster.x-k8s.io is not established after 600s'
kubectl -n kube-system rollout status deployment/antrea-mc-controller --timeout="$(left)" || fail 'cluster tanzuhispano-db: the member antrea-mc-controller in kube-system is not rolled out after 600s'
until [[ -n "$(kubectl get validatingwebhookconfiguration antrea-mc-validating-webhook-configuration -o jsonpath='{.webhooks[0].clientConfig.caBundle}' 2>/dev/null)" ]]; do late && fail 'cluster tanzuhispano-db: validatingwebhookconfiguration antrea-mc-validating-webhook-configuration has no CA after 600s; antrea-mc-controller injects it only at start, so delete its Pod once the configuration exists'; sleep 2; done
echo 'the member antrea-mc-controller serves in cluster tanzuhispano-db'
