#!/usr/bin/env bash
# wait until the API server of cluster alpha is ready
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)
deadline=$((SECONDS + 300))
until "${kubectl[@]}" get --raw=/readyz >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 300s waiting for the API server of cluster alpha to answer /readyz' >&2
    exit 1
  fi
  sleep 2
done
deadline=$((SECONDS + 120))
until "${kubectl[@]}" get clusterrolebinding kubeadm:cluster-admins >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 120s waiting for the kubeadm:cluster-admins ClusterRoleBinding' >&2
    exit 1
  fi
  sleep 2
done
echo 'API server of cluster alpha is ready'
