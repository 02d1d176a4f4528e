#!/usr/bin/env bash
# Waits until Antrea runs in cluster tanzuhispano-01.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

kubectl -n kube-system rollout status daemonset/antrea-agent --timeout=600s
kubectl -n kube-system rollout status deployment/antrea-controller --timeout=600s
echo 'Antrea runs in cluster tanzuhispano-01'
