#!/usr/bin/env bash
# Waits until CN2 runs in central cluster cluster1: deployer, CRDs, controller job, vRouters, 2 nodes Ready, Subnets.
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
fail() { echo "cluster $cluster: $1" >&2; exit 1; }
late() { fail "$1 within 1200s"; }
kubectl -n contrail-deploy rollout status deployment/contrail-k8s-deployer --timeout="$(remaining)s" || late 'the CN2 deployer contrail-deploy/contrail-k8s-deployer did not roll out'
until kubectl get crd kubemanagers.configplane.juniper.net >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'CRD kubemanagers.configplane.juniper.net was not registered'
  sleep 5
done
kubectl wait --for condition=established crd/kubemanagers.configplane.juniper.net --timeout="$(remaining)s" || late 'CRD kubemanagers.configplane.juniper.net was not established'
until kubectl get crd vrouters.dataplane.juniper.net >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'CRD vrouters.dataplane.juniper.net was not registered'
  sleep 5
done
kubectl wait --for condition=established crd/vrouters.dataplane.juniper.net --timeout="$(remaining)s" || late 'CRD vrouters.dataplane.juniper.net was not established'
job_state() { kubectl -n contrail get job apply-contrail -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}' 2>/dev/null || true; }
state="$(job_state)"
until [[ " $state " == *" Complete "* ]]; do
  if [[ " $state " == *" Failed "* ]]; then
    fail 'the job contrail/apply-contrail (the controller'"'"'s custom resources) failed; kubectl -n contrail logs job/apply-contrail says why'
  fi
  ((SECONDS < gate_deadline)) || late 'the job contrail/apply-contrail (the controller'"'"'s custom resources) did not complete'
  sleep 5
  state="$(job_state)"
done
until kubectl -n contrail get daemonset contrail-vrouter-masters >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'DaemonSet contrail/contrail-vrouter-masters did not appear'
  sleep 5
done
while read -r ds; do
  kubectl -n contrail rollout status "$ds" --timeout="$(remaining)s" || late "vRouter $ds did not roll out"
done < <(kubectl -n contrail get daemonset -o name | grep '/contrail-vrouter-')
until (($(kubectl get nodes --no-headers | wc -l) >= 2)); do
  ((SECONDS < gate_deadline)) || late 'fewer than 2 nodes registered'
  sleep 5
done
kubectl wait --for=condition=Ready node --all --timeout="$(remaining)s" || late 'not every node is Ready under the vRouter'
subnet_ready() { kubectl get subnets.core.contrail.juniper.net -A --no-headers 2>/dev/null | awk -v cidr="$1" '{ has = ok = 0; for (i = 1; i <= NF; i++) { if ($i == cidr) has = 1; if ($i == "Success") ok = 1 } if (has && ok) found = 1 } END { exit !found }'; }
until subnet_ready 10.233.128.0/17; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet 10.233.128.0/17 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready fd85:ee78:d8a6:8607::1:0/112; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet fd85:ee78:d8a6:8607::1:0/112 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready 10.233.0.0/17; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet 10.233.0.0/17 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready fd85:ee78:d8a6:8607::1000/116; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet fd85:ee78:d8a6:8607::1000/116 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
echo 'CN2 runs in central cluster cluster1: deployer, controller and vRouters up, 2 nodes Ready, its Subnets in state Success'
