#!/usr/bin/env bash
# drain alpha-worker-1 of cluster alpha before it is reset (its Node object is deleted after the reset)
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if [[ ! -f /etc/kubernetes/admin.conf ]]; then
  echo 'the control plane of alpha is already reset: nothing to drain for alpha-worker-1'
  exit 0
fi
kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)
api_wait=${KUBEADM_API_WAIT_SECONDS:-60}; [[ $api_wait =~ ^[0-9]+$ ]] || api_wait=60
api_answers() {
  local deadline=$((SECONDS + api_wait))
  until "${kubectl[@]}" get --raw=/readyz >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then return 1; fi
    sleep 2
  done
}
if ! api_answers || ! found=$("${kubectl[@]}" get node alpha-worker-1 --ignore-not-found -o name); then
  echo "warning: the API server of alpha did not answer within ${api_wait}s: alpha-worker-1 is not drained, and its pods stop with its reset" >&2
  exit 0
fi
if [[ -z $found ]]; then
  echo 'node alpha-worker-1 is not registered: nothing to drain'
  exit 0
fi
if ! "${kubectl[@]}" drain alpha-worker-1 --ignore-daemonsets --delete-emptydir-data --force --timeout=120s; then
  echo 'warning: draining alpha-worker-1 did not finish within 120s (a PodDisruptionBudget may block an eviction); it is reset anyway' >&2
fi
echo 'node alpha-worker-1 drained'
