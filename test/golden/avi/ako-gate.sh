#!/usr/bin/env bash
# Restarts AKO in cluster tanzuhispano-01 so it runs the applied config, then checks it.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

cluster=tanzuhispano-01
gate_deadline=$((SECONDS + 600))
remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }
fail() { echo "cluster $cluster: $1" >&2; exit 1; }
k() { kubectl -n avi-system "$@"; }
k rollout restart statefulset/ako >/dev/null || fail 'StatefulSet avi-system/ako could not be restarted (is the chart installed?)'
k rollout status statefulset/ako --timeout="$(remaining)s" >/dev/null || fail 'AKO did not roll out within 600s'
echo 'AKO runs in cluster tanzuhispano-01'
