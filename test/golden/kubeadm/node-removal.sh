#!/usr/bin/env bash
# drain alpha-worker-1 and delete its Node object from cluster alpha
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if [[ ! -f /etc/kubernetes/admin.conf ]]; then
  echo 'the control plane of alpha is already reset: nothing to clean up for alpha-worker-1'
  exit 0
fi
kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)
if ! found=$("${kubectl[@]}" get node alpha-worker-1 --ignore-not-found -o name); then
  echo 'cannot reach the API server of alpha to remove node alpha-worker-1; repair it, or run pulumi destroy --continue-on-error' >&2
  exit 1
fi
if [[ -z $found ]]; then
  echo 'node alpha-worker-1 is not registered: nothing to drain'
  exit 0
fi
if ! "${kubectl[@]}" drain alpha-worker-1 --ignore-daemonsets --delete-emptydir-data --force --timeout=120s; then
  echo 'warning: draining alpha-worker-1 did not finish within 120s; deleting the Node anyway' >&2
fi
"${kubectl[@]}" delete node alpha-worker-1 --ignore-not-found
echo 'node alpha-worker-1 drained and deleted'
