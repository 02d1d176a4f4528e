#!/usr/bin/env bash
# delete the Node alpha-worker-1 from cluster alpha (after its reset)
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if [[ ! -f /etc/kubernetes/admin.conf ]]; then
  echo 'the control plane of alpha is already reset: nothing to delete for alpha-worker-1'
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
  echo "warning: the API server of alpha did not answer within ${api_wait}s: the Node alpha-worker-1 stays registered; delete it with kubectl delete node alpha-worker-1 once it answers" >&2
  exit 0
fi
if [[ -z $found ]]; then
  echo 'node alpha-worker-1 is not registered: nothing to delete'
  exit 0
fi
if [[ $("${kubectl[@]}" get node alpha-worker-1 -o 'jsonpath={.spec.unschedulable}' 2>/dev/null || true) != true ]]; then
  if ! "${kubectl[@]}" drain alpha-worker-1 --ignore-daemonsets --delete-emptydir-data --force --timeout=120s; then
    echo 'warning: draining alpha-worker-1 did not finish within 120s (a PodDisruptionBudget may block an eviction); its Node is deleted anyway' >&2
  fi
fi
"${kubectl[@]}" delete node alpha-worker-1 --ignore-not-found >/dev/null
echo 'node alpha-worker-1 deleted from cluster alpha'
