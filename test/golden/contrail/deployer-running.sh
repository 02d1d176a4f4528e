#!/usr/bin/env bash
# Waits until the CN2 deployer runs in distributed cluster cluster2 and registered its CRDs.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

cluster=cluster2
gate_deadline=$((SECONDS + 1200))
remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }
fail() { echo "cluster $cluster: $1" >&2; exit 1; }
late() { fail "$1 within 1200s"; }
kubectl -n contrail-deploy rollout status deployment/contrail-k8s-deployer --timeout="$(remaining)s" || late 'the CN2 deployer contrail-deploy/contrail-k8s-deployer did not roll out'
until kubectl get crd vrouters.dataplane.juniper.net >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'CRD vrouters.dataplane.juniper.net was not registered'
  sleep 5
done
kubectl wait --for condition=established crd/vrouters.dataplane.juniper.net --timeout="$(remaining)s" || late 'CRD vrouters.dataplane.juniper.net was not established'
until kubectl get crd contrailcertificatemanagers.configplane.juniper.net >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'CRD contrailcertificatemanagers.configplane.juniper.net was not registered'
  sleep 5
done
kubectl wait --for condition=established crd/contrailcertificatemanagers.configplane.juniper.net --timeout="$(remaining)s" || late 'CRD contrailcertificatemanagers.configplane.juniper.net was not established'
echo "the CN2 deployer runs in distributed cluster $cluster"
