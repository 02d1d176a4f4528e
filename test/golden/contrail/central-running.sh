#!/usr/bin/env bash
# Waits until CN2 runs in central cluster cluster1: deployer, CRDs, controller job, vRouters, nodes Ready.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

cluster=cluster1
gate_deadline=$((SECONDS + 1200))
remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }
fail() { echo "cluster $cluster: $1 within 1200s" >&2; exit 1; }
kubectl -n contrail-deploy rollout status deployment/contrail-k8s-deployer --timeout="$(remaining)s" || fail 'the CN2 deployer contrail-deploy/contrail-k8s-deployer did not roll out'
deadline=$((SECONDS + 1200))
until kubectl get crd kubemanagers.configplane.juniper.net >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 1200s waiting for CRD kubemanagers.configplane.juniper.net in cluster cluster1' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=1200s crd/kubemanagers.configplane.juniper.net
deadline=$((SECONDS + 1200))
until kubectl get crd vrouters.dataplane.juniper.net >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 1200s waiting for CRD vrouters.dataplane.juniper.net in cluster cluster1' >&2
    exit 1
  fi
  sleep 5
done
kubectl wait --for condition=established --timeout=1200s crd/vrouters.dataplane.juniper.net
deadline=$((SECONDS + 1200))
until kubectl -n contrail get job apply-contrail >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 1200s waiting for Job contrail/apply-contrail in cluster cluster1' >&2
    exit 1
  fi
  sleep 5
done
kubectl -n contrail wait --for=condition=complete job/apply-contrail --timeout="$(remaining)s" || fail 'the job contrail/apply-contrail (the controller'"'"'s custom resources) did not complete'
deadline=$((SECONDS + 1200))
until kubectl -n contrail get daemonset contrail-vrouter-masters >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 1200s waiting for DaemonSet contrail/contrail-vrouter-masters in cluster cluster1' >&2
    exit 1
  fi
  sleep 5
done
while read -r ds; do
  kubectl -n contrail rollout status "$ds" --timeout="$(remaining)s" || fail "vRouter $ds did not roll out"
done < <(kubectl -n contrail get daemonset -o name | grep '/contrail-vrouter-')
kubectl wait --for=condition=Ready node --all --timeout="$(remaining)s" || fail 'not every node is Ready under the vRouter'
echo "CN2 runs in central cluster $cluster: deployer, controller and vRouters up, every node Ready"
