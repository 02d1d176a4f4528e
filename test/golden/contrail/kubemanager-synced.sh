#!/usr/bin/env bash
# Waits until Kubemanager contrail/kubemanager-cluster2 on central cluster cluster1 syncs distributed cluster cluster2 as it is now.
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

cluster=cluster1
gate="the CN2 gate in cluster $cluster"
gate_deadline=$((SECONDS + 1200))
remaining() { local left=$((gate_deadline - SECONDS)); echo $((left > 1 ? left : 1)); }
fail() { echo "cluster $cluster: $1" >&2; exit 1; }
late() { fail "$1 within 1200s"; }
until kubectl get namespace kubemanager-cluster2-cluster2-cn2-probe-0123abcd >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'Kubemanager contrail/kubemanager-cluster2 did not mirror namespace cn2-probe-0123abcd of cluster cluster2 as kubemanager-cluster2-cluster2-cn2-probe-0123abcd, so it does not follow that cluster since its last change (re-created, new credentials or a new spec)'
  progress "$gate" 'pending: Kubemanager contrail/kubemanager-cluster2 did not mirror namespace cn2-probe-0123abcd of cluster cluster2 as kubemanager-cluster2-cluster2-cn2-probe-0123abcd, so it does not follow that cluster since its last change (re-created, new credentials or a new spec)'
  sleep 5
done
subnet_ready() { kubectl get subnets.core.contrail.juniper.net -A --no-headers 2>/dev/null | awk -v cidr="$1" '{ has = ok = 0; for (i = 1; i <= NF; i++) { if ($i == cidr) has = 1; if ($i == "Success") ok = 1 } if (has && ok) found = 1 } END { exit !found }'; }
until subnet_ready 10.234.128.0/17; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet 10.234.128.0/17 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  progress "$gate" 'pending: CN2 has no Subnet 10.234.128.0/17 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready fd85:ee78:d8a6:8607::3:0/112; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet fd85:ee78:d8a6:8607::3:0/112 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  progress "$gate" 'pending: CN2 has no Subnet fd85:ee78:d8a6:8607::3:0/112 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready 10.234.0.0/17; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet 10.234.0.0/17 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  progress "$gate" 'pending: CN2 has no Subnet 10.234.0.0/17 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready fd85:ee78:d8a6:8607::2:1000/116; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet fd85:ee78:d8a6:8607::2:1000/116 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  progress "$gate" 'pending: CN2 has no Subnet fd85:ee78:d8a6:8607::2:1000/116 (a range of distributed cluster cluster2) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
echo 'central cluster cluster1 syncs cluster cluster2: kubemanager-cluster2-cluster2-cn2-probe-0123abcd mirrored, its Subnets in state Success'
