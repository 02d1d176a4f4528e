#!/usr/bin/env bash
# Proof: cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 answers ping across the clusters (seed 002's last step).
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 1200))
kubectl -n default wait --for=condition=Ready pod/cn2-demo-probe --timeout=1200s
answer=""
until answer="$(kubectl -n default exec cn2-demo-probe -- ping -c 3 -W 2 10.234.129.0 2>&1)"; do
  if ((SECONDS >= deadline)); then
    echo 'cluster cluster1: ping from cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 (10.234.129.0) got no answer within 1200s; last output:' "$(tail -n 2 <<<"$answer" | tr '\n' ' ')" >&2
    exit 1
  fi
  sleep 5
done
echo 'cluster cluster1: cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 (10.234.129.0) answered:' "$(tail -n 1 <<<"$answer")"
