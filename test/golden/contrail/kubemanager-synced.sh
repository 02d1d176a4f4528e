#!/usr/bin/env bash
# Waits until Kubemanager contrail/kubemanager-cluster2 on central cluster cluster1 syncs distributed cluster cluster2 as it is now.
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
until kubectl get namespace kubemanager-cluster2-cluster2-cn2-probe-0123abcd >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'Kubemanager contrail/kubemanager-cluster2 did not mirror namespace cn2-probe-0123abcd of cluster cluster2 as kubemanager-cluster2-cluster2-cn2-probe-0123abcd, so it does not follow that cluster since its last change (re-created, new credentials or a new spec)'
  sleep 5
done
subnet_ready() { kubectl get subnets.core.contrail.juniper.net -A --no-headers 2>/dev/null | awk -v cidr="$1" '{ has = ok = 0; for (i = 1; i <= NF; i++) { if ($i == cidr) has = 1; if ($i == "Success") ok = 1 } if (has && ok) found = 1 } END { exit !found }'; }
until subnet_ready 10.234.128.0/17; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet 10.234.128.0/17 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready fd85:ee78:d8a6:8607::3:0/112; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet fd85:ee78:d8a6:8607::3:0/112 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready 10.234.0.0/17; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet 10.234.0.0/17 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready fd85:ee78:d8a6:8607::2:1000/116; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet fd85:ee78:d8a6:8607::2:1000/116 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
echo 'central cluster cluster1 syncs cluster cluster2: kubemanager-cluster2-cluster2-cn2-probe-0123abcd mirrored, its Subnets in state Success'
