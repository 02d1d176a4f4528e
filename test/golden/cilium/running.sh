#!/usr/bin/env bash
# Waits until Cilium runs in cluster k8s-cilium-01.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"
k() { kubectl -n kube-system "$@"; }

k rollout status ds/cilium --timeout=600s
k wait --for=condition=Available --timeout=600s deploy/cilium-operator
echo 'Cilium is running in cluster k8s-cilium-01'
