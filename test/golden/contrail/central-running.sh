#!/usr/bin/env bash
# Waits until CN2 runs in central cluster cluster1: deployer, CRDs, controller job, vRouters, 2 nodes Ready, Subnets.
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
in_slices "$gate" "$(remaining)" kubectl -n contrail-deploy rollout status deployment/contrail-k8s-deployer || late 'the CN2 deployer contrail-deploy/contrail-k8s-deployer did not roll out'
until kubectl get crd kubemanagers.configplane.juniper.net >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'CRD kubemanagers.configplane.juniper.net was not registered'
  progress "$gate" 'pending: CRD kubemanagers.configplane.juniper.net was not registered'
  sleep 5
done
in_slices "$gate" "$(remaining)" kubectl wait --for condition=established crd/kubemanagers.configplane.juniper.net || late 'CRD kubemanagers.configplane.juniper.net was not established'
until kubectl get crd vrouters.dataplane.juniper.net >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'CRD vrouters.dataplane.juniper.net was not registered'
  progress "$gate" 'pending: CRD vrouters.dataplane.juniper.net was not registered'
  sleep 5
done
in_slices "$gate" "$(remaining)" kubectl wait --for condition=established crd/vrouters.dataplane.juniper.net || late 'CRD vrouters.dataplane.juniper.net was not established'
job_state() { kubectl -n contrail get job apply-contrail -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}' 2>/dev/null || true; }
state="$(job_state)"
until [[ " $state " == *" Complete "* ]]; do
  if [[ " $state " == *" Failed "* ]]; then
    fail 'the job contrail/apply-contrail (the controller'"'"'s custom resources) failed; kubectl -n contrail logs job/apply-contrail says why'
  fi
  ((SECONDS < gate_deadline)) || late 'the job contrail/apply-contrail (the controller'"'"'s custom resources) did not complete'
  progress "$gate" "job contrail/apply-contrail: ${state:-no condition yet}"
  sleep 5
  state="$(job_state)"
done
until kubectl -n contrail get daemonset contrail-vrouter-masters >/dev/null 2>&1; do
  ((SECONDS < gate_deadline)) || late 'DaemonSet contrail/contrail-vrouter-masters did not appear'
  progress "$gate" 'pending: DaemonSet contrail/contrail-vrouter-masters did not appear'
  sleep 5
done
while read -r ds; do
  in_slices "$gate" "$(remaining)" kubectl -n contrail rollout status "$ds" || late "vRouter $ds did not roll out"
done < <(kubectl -n contrail get daemonset -o name | grep '/contrail-vrouter-')
until (($(kubectl get nodes --no-headers | wc -l) >= 2)); do
  ((SECONDS < gate_deadline)) || late 'fewer than 2 nodes registered'
  progress "$gate" 'pending: fewer than 2 nodes registered'
  sleep 5
done
in_slices "$gate" "$(remaining)" kubectl wait --for=condition=Ready node --all || late 'not every node is Ready under the vRouter'
subnet_ready() { kubectl get subnets.core.contrail.juniper.net -A --no-headers 2>/dev/null | awk -v cidr="$1" '{ has = ok = 0; for (i = 1; i <= NF; i++) { if ($i == cidr) has = 1; if ($i == "Success") ok = 1 } if (has && ok) found = 1 } END { exit !found }'; }
until subnet_ready 10.233.128.0/17; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet 10.233.128.0/17 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  progress "$gate" 'pending: CN2 has no Subnet 10.233.128.0/17 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready fd85:ee78:d8a6:8607::1:0/112; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet fd85:ee78:d8a6:8607::1:0/112 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  progress "$gate" 'pending: CN2 has no Subnet fd85:ee78:d8a6:8607::1:0/112 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready 10.233.0.0/17; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet 10.233.0.0/17 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  progress "$gate" 'pending: CN2 has no Subnet 10.233.0.0/17 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
until subnet_ready fd85:ee78:d8a6:8607::1000/116; do
  ((SECONDS < gate_deadline)) || late 'CN2 has no Subnet fd85:ee78:d8a6:8607::1000/116 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  progress "$gate" 'pending: CN2 has no Subnet fd85:ee78:d8a6:8607::1000/116 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made)'
  sleep 5
done
echo 'CN2 runs in central cluster cluster1: deployer, controller and vRouters up, 2 nodes Ready, its Subnets in state Success'
