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
deadline=$((SECONDS + 600))
# Seconds left before the deadline (at least 1), for the bounded kubectl waits.
left() { local s=$((deadline - SECONDS)); (( s > 0 )) || s=1; echo "$s"; }
fail() { echo "$1" >&2; exit 1; }

k rollout status ds/cilium --timeout="$(left)s" >/dev/null || fail 'cluster k8s-cilium-01: the Cilium agents (DaemonSet kube-system/cilium) did not roll out on every node within 600s'
envoy="$(k get ds cilium-envoy --ignore-not-found -o name 2>/dev/null)" ||
  fail 'cluster k8s-cilium-01: cannot tell whether the Cilium Envoy DaemonSet kube-system/cilium-envoy exists (kubectl get failed)'
if [[ -n "$envoy" ]]; then
  k rollout status ds/cilium-envoy --timeout="$(left)s" >/dev/null || fail 'cluster k8s-cilium-01: the Cilium Envoy proxies (DaemonSet kube-system/cilium-envoy) did not roll out on every node within 600s'
fi
k wait --for=condition=Available --timeout="$(left)s" deploy/cilium-operator >/dev/null || fail 'cluster k8s-cilium-01: cilium-operator did not become Available within 600s'
echo 'Cilium is running in cluster k8s-cilium-01'
