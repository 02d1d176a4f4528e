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
fail() { echo "cluster $cluster: $1 within 1200s" >&2; exit 1; }
kubectl -n contrail-deploy rollout status deployment/contrail-k8s-deployer --timeout="$(remaining)s" || fail 'the CN2 deployer contrail-deploy/contrail-k8s-deployer did not roll out'
deadline=$((SECONDS + 1200))
until kubectl get crd vrouters.dataplane.juniper.net >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 1200s waiting for CRD vrouters.dataplane.juniper.net in cluster cluster2' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=1200s crd/vrouters.dataplane.juniper.net
deadline=$((SECONDS + 1200))
until kubectl get crd contrailcertificatemanagers.configplane.juniper.net >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 1200s waiting for CRD contrailcertificatemanagers.configplane.juniper.net in cluster cluster2' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=1200s crd/contrailcertificatemanagers.configplane.juniper.net
echo "the CN2 deployer runs in distributed cluster $cluster"
