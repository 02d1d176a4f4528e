#!/usr/bin/env bash
# Proof: Service web exported by test-cluster-east answers in test-cluster-west as antrea-mc-web.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

k() { kubectl -n antrea-mc-demo "$@"; }
kubectl -n antrea-mc-demo rollout status deployment/client --timeout=600s
expected='"cluster":"test-cluster-east"'
answer="" pending=""
deadline=$((SECONDS + 600))
until [[ "$answer" == *"$expected"* ]]; do
  if (( SECONDS >= deadline )); then
    echo 'cluster test-cluster-west: antrea-mc-web.antrea-mc-demo (exported by test-cluster-east) did not answer within 600s:'" $pending" >&2
    exit 1
  fi
  sleep 5
  if ! k get service antrea-mc-web >/dev/null 2>&1; then pending="the import antrea-mc-web does not exist yet"; continue; fi
  answer="$(k exec deploy/client -- curl -sS --max-time 5 http://antrea-mc-web.antrea-mc-demo.svc 2>&1)" || true
  pending="last answer: ${answer:-none}"
done
echo 'cluster test-cluster-west: antrea-mc-web answered from test-cluster-east:'" $answer"
