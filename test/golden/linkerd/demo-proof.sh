#!/usr/bin/env bash
# Demo proof in cluster kind-east: requests through podinfo-split reach every cluster.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"
k() { kubectl -n test "$@"; }
expected=(kind-east kind-west)
request='for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do wget -qO- -T 5 http://127.0.0.1:8080/ || true; echo; done'
seen=""

kubectl -n test rollout status deployment/podinfo --timeout=600s
kubectl -n test rollout status deployment/frontend --timeout=600s
deadline=$((SECONDS + 600))
until [[ -n "$(k get endpoints podinfo-kind-west -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for the mirror test/podinfo-kind-west of cluster kind-west'"'"'s podinfo to have endpoints in cluster kind-east' >&2
    exit 1
  fi
  sleep 5
done
answered_by_all() {
  local replies name want
  replies="$(k exec deploy/frontend -c nginx -- sh -c "$request" 2>/dev/null)" || replies=""
  while read -r name; do
    [[ -z "$name" || " $seen " == *" $name "* ]] || seen="$seen $name"
  done < <(grep -oE 'greetings from [a-z0-9-]+' <<<"$replies" | sed 's/^greetings from //')
  for want in "${expected[@]}"; do
    [[ " $seen " == *" $want "* ]] || return 1
  done
}
deadline=$((SECONDS + 600))
until answered_by_all; do
  if (( SECONDS >= deadline )); then
    echo "cluster kind-east: requests through podinfo-split were answered by:${seen:- nobody}, but not by every one of ${expected[*]} after 600s" >&2
    exit 1
  fi
  sleep 5
done
echo "cluster kind-east: requests through podinfo-split were answered by ${expected[*]}"
