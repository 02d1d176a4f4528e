#!/usr/bin/env bash
# Waits until Node tanzuhispano-02-worker-1 registers in cluster tanzuhispano-02.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

deadline=$((SECONDS + 600))
fail() { echo "$1" >&2; exit 1; }
late() { (( SECONDS >= deadline )); }
left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }
until kubectl get node tanzuhispano-02-worker-1 >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-02: Node tanzuhispano-02-worker-1 did not register within 600s (is it the gateway Node meant?)'; sleep 5; done
echo 'cluster tanzuhispano-02: Node tanzuhispano-02-worker-1 registered'
