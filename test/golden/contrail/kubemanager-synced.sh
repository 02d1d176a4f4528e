#!/usr/bin/env bash
# Waits until Kubemanager kubemanager-cluster2 on central cluster cluster1 mirrors namespace default of cluster2.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 1200))
until kubectl get namespace kubemanager-cluster2-cluster2-default >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 1200s waiting for Kubemanager contrail/kubemanager-cluster2 on central cluster cluster1 to mirror cluster cluster2 (namespace kubemanager-cluster2-cluster2-default)' >&2
    exit 1
  fi
  sleep 5
done
echo 'central cluster cluster1 mirrors cluster cluster2 (namespace kubemanager-cluster2-cluster2-default exists)'
