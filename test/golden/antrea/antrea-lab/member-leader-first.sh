#!/usr/bin/env bash
# Before member tanzuhispano-01 runs antrea-mc-controller v2.7.0: the controller of leader tanzuhispano-db runs it first.
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
want=v2.7.0
while :; do
  image="$(kubectl -n antrea-multicluster get deployment antrea-mc-controller --ignore-not-found -o jsonpath='{.spec.template.spec.containers[?(@.name=="antrea-mc-controller")].image}{"\n"}' 2>/dev/null)" || image="?"
  if [[ -z "$image" ]]; then echo 'leader tanzuhispano-db has no antrea-mc-controller yet (first install): nothing to wait for'; exit 0; fi
  if [[ "$image" == *":$want" ]]; then break; fi
  late && fail 'leader tanzuhispano-db: its antrea-mc-controller still runs'" ${image} "'after 600s, and members must not run a newer controller than the leader (upgrade the leader first)'
  sleep 5
done
kubectl -n antrea-multicluster rollout status deployment/antrea-mc-controller --timeout="$(left)" >/dev/null || fail 'leader tanzuhispano-db: its antrea-mc-controller v2.7.0 is not rolled out after 600s'
echo 'leader tanzuhispano-db runs antrea-mc-controller v2.7.0'
