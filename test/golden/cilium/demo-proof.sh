#!/usr/bin/env bash
# Demo proof in cluster dev-east: the global Service rebel-base answers from every cluster.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"
k() { kubectl -n clustermesh-demo "$@"; }
deadline=$((SECONDS + 600))
# Seconds left before the deadline (at least 1), for the bounded kubectl waits.
left() { local s=$((deadline - SECONDS)); (( s > 0 )) || s=1; echo "$s"; }
fail() { echo "$1" >&2; exit 1; }

k rollout status deployment/rebel-base --timeout="$(left)s" >/dev/null || fail 'cluster dev-east: rebel-base did not roll out within 600s'
k rollout status deployment/x-wing --timeout="$(left)s" >/dev/null || fail 'cluster dev-east: x-wing did not roll out within 600s'
expected=(dev-east dev-west)
request='for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do curl -s --max-time 5 rebel-base.clustermesh-demo || true; echo; done'
seen=""
answered_by_all() {
  local replies name want
  replies="$(k exec deploy/x-wing -- sh -c "$request" 2>/dev/null)" || replies=""
  while read -r name; do
    [[ -z "$name" || " $seen " == *" $name "* ]] || seen="$seen $name"
  done < <(grep -oE '"Cluster": *"[a-z0-9-]+"' <<<"$replies" | sed -E 's/.*"([a-z0-9-]+)"$/\1/')
  for want in "${expected[@]}"; do
    [[ " $seen " == *" $want "* ]] || return 1
  done
}
until answered_by_all; do
  (( SECONDS < deadline )) || fail "cluster dev-east: rebel-base answered from:${seen:- nobody}, but not from every one of ${expected[*]} after 600s"
  sleep 5
done
echo "cluster dev-east: rebel-base answered from every cluster:${seen}"
