#!/usr/bin/env bash
# Waits until the member antrea-mc-controller serves in cluster tanzuhispano-db.
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

deadline=$((SECONDS + 600))
fail() { echo "$1" >&2; exit 1; }
late() { (( SECONDS >= deadline )); }
left() { local n=$((deadline - SECONDS)); (( n > 0 )) || n=1; echo "${n}s"; }
until kubectl get crd clusterinfoimports.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD clusterinfoimports.multicluster.crd.antrea.io does not exist after 600s'; progress 'CRD clusterinfoimports.multicluster.crd.antrea.io in cluster tanzuhispano-db' 'not registered yet'; sleep 5; done
in_slices 'CRD clusterinfoimports.multicluster.crd.antrea.io in cluster tanzuhispano-db' "$(left)" kubectl wait --for condition=established crd/clusterinfoimports.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD clusterinfoimports.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd clustersets.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD clustersets.multicluster.crd.antrea.io does not exist after 600s'; progress 'CRD clustersets.multicluster.crd.antrea.io in cluster tanzuhispano-db' 'not registered yet'; sleep 5; done
in_slices 'CRD clustersets.multicluster.crd.antrea.io in cluster tanzuhispano-db' "$(left)" kubectl wait --for condition=established crd/clustersets.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD clustersets.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd gateways.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD gateways.multicluster.crd.antrea.io does not exist after 600s'; progress 'CRD gateways.multicluster.crd.antrea.io in cluster tanzuhispano-db' 'not registered yet'; sleep 5; done
in_slices 'CRD gateways.multicluster.crd.antrea.io in cluster tanzuhispano-db' "$(left)" kubectl wait --for condition=established crd/gateways.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD gateways.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd labelidentities.multicluster.crd.antrea.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD labelidentities.multicluster.crd.antrea.io does not exist after 600s'; progress 'CRD labelidentities.multicluster.crd.antrea.io in cluster tanzuhispano-db' 'not registered yet'; sleep 5; done
in_slices 'CRD labelidentities.multicluster.crd.antrea.io in cluster tanzuhispano-db' "$(left)" kubectl wait --for condition=established crd/labelidentities.multicluster.crd.antrea.io >/dev/null || fail 'cluster tanzuhispano-db: CRD labelidentities.multicluster.crd.antrea.io is not established after 600s'
until kubectl get crd serviceexports.multicluster.x-k8s.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD serviceexports.multicluster.x-k8s.io does not exist after 600s'; progress 'CRD serviceexports.multicluster.x-k8s.io in cluster tanzuhispano-db' 'not registered yet'; sleep 5; done
in_slices 'CRD serviceexports.multicluster.x-k8s.io in cluster tanzuhispano-db' "$(left)" kubectl wait --for condition=established crd/serviceexports.multicluster.x-k8s.io >/dev/null || fail 'cluster tanzuhispano-db: CRD serviceexports.multicluster.x-k8s.io is not established after 600s'
until kubectl get crd serviceimports.multicluster.x-k8s.io >/dev/null 2>&1; do late && fail 'cluster tanzuhispano-db: CRD serviceimports.multicluster.x-k8s.io does not exist after 600s'; progress 'CRD serviceimports.multicluster.x-k8s.io in cluster tanzuhispano-db' 'not registered yet'; sleep 5; done
in_slices 'CRD serviceimports.multicluster.x-k8s.io in cluster tanzuhispano-db' "$(left)" kubectl wait --for condition=established crd/serviceimports.multicluster.x-k8s.io >/dev/null || fail 'cluster tanzuhispano-db: CRD serviceimports.multicluster.x-k8s.io is not established after 600s'
in_slices 'the member antrea-mc-controller in cluster tanzuhispano-db' "$(left)" kubectl -n kube-system rollout status deployment/antrea-mc-controller || fail 'cluster tanzuhispano-db: the member antrea-mc-controller in kube-system is not rolled out after 600s'
until [[ -n "$(kubectl get validatingwebhookconfiguration antrea-mc-validating-webhook-configuration -o jsonpath='{.webhooks[0].clientConfig.caBundle}' 2>/dev/null)" ]]; do late && fail 'cluster tanzuhispano-db: validatingwebhookconfiguration antrea-mc-validating-webhook-configuration has no CA after 600s; antrea-mc-controller injects it only at start, so delete its Pod once the configuration exists'; progress 'the CA of validatingwebhookconfiguration antrea-mc-validating-webhook-configuration in cluster tanzuhispano-db' 'not injected yet'; sleep 2; done
echo 'the member antrea-mc-controller serves in cluster tanzuhispano-db'
