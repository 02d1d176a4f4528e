#!/usr/bin/env bash
# Waits until Node tanzuhispano-02-worker-1 is registered in cluster tanzuhispano-02.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 600))
until kubectl get node tanzuhispano-02-worker-1 >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for Node tanzuhispano-02-worker-1 to register in cluster tanzuhispano-02 (is it the gateway Node meant?)' >&2
    exit 1
  fi
  sleep 5
done
echo 'Node tanzuhispano-02-worker-1 is registered in cluster tanzuhispano-02'
