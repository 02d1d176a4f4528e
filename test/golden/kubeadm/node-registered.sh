#!/usr/bin/env bash
# wait until alpha-worker-1 is registered in cluster alpha (it is drained and deleted when removed)
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)
deadline=$((SECONDS + 180))
until "${kubectl[@]}" get node alpha-worker-1 >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 180s waiting for node alpha-worker-1 to register' >&2
    exit 1
  fi
  sleep 2
done
echo 'node alpha-worker-1 is registered'
