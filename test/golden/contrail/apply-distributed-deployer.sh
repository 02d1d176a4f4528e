#!/usr/bin/env bash
# Applies distributed_cluster_deployer_example.yaml of CN2 23.4 (pinned URL and SHA-256) to cluster cluster2, without the objects Pulumi owns.
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
command -v curl >/dev/null 2>&1 || { echo 'curl is required on the machine running pulumi' >&2; exit 1; }
command -v sha256sum >/dev/null 2>&1 || { echo 'sha256sum is required on the machine running pulumi' >&2; exit 1; }
command -v awk >/dev/null 2>&1 || { echo 'awk is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

work="$(mktemp -d)"
trap 'rm -rf "$work" "$kubeconfig"' EXIT
url=https://raw.githubusercontent.com/Juniper/contrail-networking/2a86f70c20cf95acd600e4de9af542700c3a6604/releases/23.4/k8s/multi-cluster/distributed_cluster_deployer_example.yaml
digest=3980978edaaef9a2a3361a0fb21ccc6970be3bdbece68fffaa9cf6322a0a14e8
if ! curl -fsSL --retry 3 --max-time 120 -o "$work/manifest.yaml" "$url"; then
  echo 'cluster cluster2: cannot download distributed_cluster_deployer_example.yaml of CN2 23.4 from' "$url" >&2
  exit 1
fi
if ! printf '%s  %s\n' "$digest" "$work/manifest.yaml" | sha256sum --check --status; then
  echo 'cluster cluster2: the file at' "$url" 'is not the pinned distributed_cluster_deployer_example.yaml of CN2 23.4 (its SHA-256 differs)' >&2
  exit 1
fi
awk 'function owned(d) {
  return d ~ /(^|\n)kind: Namespace\n/ || (d ~ /(^|\n)kind: Secret\n/ && d ~ /\n  name: registrypullsecret\n/)
}
function flush() {
  if (doc != "" && !owned(doc)) printf "%s---\n", doc
  doc = ""
}
/^---/ { flush(); next }
{ doc = doc $0 "\n" }
END { flush() }' "$work/manifest.yaml" >"$work/owned-dropped.yaml"
cp "$work/owned-dropped.yaml" "$work/apply.yaml"
kubectl apply --server-side --force-conflicts --field-manager=pulumi-contrail -f "$work/apply.yaml"
stamp="${CONTRAIL_RESTART_STAMP:-}"
if [[ ! $stamp =~ ^[0-9a-f]{64}$ ]]; then
  echo 'cluster cluster2: CONTRAIL_RESTART_STAMP is not a SHA-256, so the deployer cannot be restarted when the central cluster'"'"'s credentials change' >&2
  exit 1
fi
kubectl -n contrail-deploy patch deployment contrail-k8s-deployer --type=merge -p '{"spec":{"template":{"metadata":{"annotations":{"multicluster.pulumi.com/restart-stamp":"'"$stamp"'"}}}}}'
echo 'cluster cluster2: applied distributed_cluster_deployer_example.yaml of CN2 23.4'
