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
bounded_out="$(mktemp)"
trap 'rm -f "$kubeconfig" "$bounded_out"' EXIT
bounded() {
  local end=$((SECONDS + $1)) out=$2 pid
  shift 2
  kubectl --request-timeout=15s "$@" >"$out" 2>&1 &
  pid=$!
  while (( SECONDS < end )) && kill -0 "$pid" 2>/dev/null; do sleep 1; done
  if kill -KILL "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; return 124; fi
  wait "$pid" 2>/dev/null
}
ping_target() {
  local limit status=0
  limit=$((deadline - SECONDS)); (( limit <= 20 )) || limit=20; (( limit >= 1 )) || limit=1
  bounded "$limit" "$bounded_out" -n default exec cn2-demo-probe -- ping -c 3 -W 2 "$1" || status=$?
  answer="$(cat "$bounded_out")"
  (( status != 124 )) || answer="kubectl exec into cn2-demo-probe did not end within ${limit}s (its stream hangs)"
  return "$status"
}
answer=""
until ping_target 10.234.129.0; do
  if ((SECONDS >= deadline)); then
    echo 'cluster cluster1: ping from cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 (10.234.129.0) got no answer within 1200s; last output:' "$(tail -n 2 <<<"$answer" | tr '\n' ' ')" >&2
    exit 1
  fi
  sleep 5
done
echo 'cluster cluster1: cn2-demo-probe on central cluster cluster1 to cn2-demo-target on cluster cluster2 (10.234.129.0) answered:' "$(tail -n 1 <<<"$answer")"
