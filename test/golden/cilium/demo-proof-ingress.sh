#!/usr/bin/env bash
# Demo proof in cluster k8s-cilium-01: the global Service rebel-base answers from every cluster.
set -euo pipefail
progress_every=${WAIT_PROGRESS_SECONDS:-20}; [[ $progress_every =~ ^[0-9]+$ ]] || progress_every=20
progress_what='' progress_since=0 progress_at=0
progress() {
  local state=${2-}
  state=${state//[[:cntrl:]]/ }
  if [[ $1 != "$progress_what" ]]; then progress_what=$1 progress_since=$SECONDS progress_at=$SECONDS; fi
  (( SECONDS - progress_at >= progress_every )) || return 0
  progress_at=$SECONDS
  printf '%s: %s, %d s\n' "$1" "${state:0:160}" "$((SECONDS - progress_since))" >&2
}
timed_out_slice() { [[ $1 == *"timed out waiting"* || $1 == *"context deadline exceeded"* ]]; }
in_slices() {
  local what=$1 end=$((SECONDS + ${2%s})) slice out status line state
  shift 2
  progress_what=''; progress "$what" waiting
  while :; do
    slice=$((end - SECONDS)); (( slice <= progress_every )) || slice=$progress_every; (( slice >= 1 )) || slice=1
    status=0; out="$("$@" --timeout="${slice}s" 2>&1)" || status=$?
    if (( status == 0 )); then [[ -z $out ]] || printf '%s\n' "$out"; return 0; fi
    if ! timed_out_slice "$out" || (( SECONDS >= end )); then printf '%s\n' "$out" >&2; return "$status"; fi
    state=waiting
    while IFS= read -r line; do [[ -z $line ]] || timed_out_slice "$line" || state=$line; done <<<"$out"
    progress "$what" "$state"
  done
}
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

in_slices 'Deployment rebel-base in cluster k8s-cilium-01' "$(left)" k rollout status deployment/rebel-base >/dev/null || fail 'cluster k8s-cilium-01: rebel-base did not roll out within 600s'
in_slices 'Deployment x-wing in cluster k8s-cilium-01' "$(left)" k rollout status deployment/x-wing >/dev/null || fail 'cluster k8s-cilium-01: x-wing did not roll out within 600s'
bounded_out="$(mktemp)"
trap 'rm -f "$kubeconfig" "$bounded_out"' EXIT
bounded() {
  local end=$((SECONDS + $1)) out=$2 pid
  shift 2
  kubectl --request-timeout=15s "$@" >"$out" 2>/dev/null &
  pid=$!
  while (( SECONDS < end )) && kill -0 "$pid" 2>/dev/null; do sleep 1; done
  if kill -KILL "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; return 124; fi
  wait "$pid" 2>/dev/null
}
from_xwing() {
  local limit cap=$1 status=0
  shift
  limit=$((deadline - SECONDS)); (( limit <= cap )) || limit=$cap; (( limit >= 1 )) || limit=1
  bounded "$limit" "$bounded_out" -n clustermesh-demo exec deploy/x-wing -- "$@" || status=$?
  reply="$(cat "$bounded_out")" stuck=""
  (( status != 124 )) || stuck=" (the last kubectl exec into deploy/x-wing did not end within ${limit}s: its stream hangs)"
  return "$status"
}
reply="" stuck=""
expected=(k8s-cilium-01 k8s-cilium-02)
request='for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do curl -s --max-time 5 rebel-base.clustermesh-demo || true; echo; done'
seen=""
answered_by_all() {
  local name want
  from_xwing 115 sh -c "$request" || true
  while read -r name; do
    [[ -z "$name" || " $seen " == *" $name "* ]] || seen="$seen $name"
  done < <(grep -oE '"Cluster": *"[a-z0-9-]+"' <<<"$reply" | sed -E 's/.*"([a-z0-9-]+)"$/\1/')
  for want in "${expected[@]}"; do
    [[ " $seen " == *" $want "* ]] || return 1
  done
}
until answered_by_all; do
  (( SECONDS < deadline )) || fail "cluster k8s-cilium-01: rebel-base answered from:${seen:- nobody}, but not from every one of ${expected[*]} after 600s${stuck}"
  progress 'answers of rebel-base in cluster k8s-cilium-01' "answered from:${seen:- nobody}"
  sleep 5
done
echo "cluster k8s-cilium-01: rebel-base answered from every cluster:${seen}"
ingress=172.26.0.101
through_ingress() {
  stuck=""
  [[ -n "$ingress" ]] || ingress="$(kubectl -n kube-system get service cilium-ingress -o jsonpath='{.status.loadBalancer.ingress[0].ip}' 2>/dev/null)" || ingress=""
  [[ -n "$ingress" ]] || return 1
  from_xwing 20 curl -s --max-time 5 "http://$ingress/" || true
  grep -qE '"Cluster": *"[a-z0-9-]+"' <<<"$reply"
}
until through_ingress; do
  (( SECONDS < deadline )) || fail "cluster k8s-cilium-01: the Ingress rebel-base did not answer through cilium-ingress (${ingress:-no address}) after 600s${stuck}"
  progress 'the Ingress rebel-base in cluster k8s-cilium-01' "no answer through ${ingress:-no address} yet"
  sleep 5
done
echo "cluster k8s-cilium-01: the Ingress rebel-base answers through cilium-ingress at $ingress"
