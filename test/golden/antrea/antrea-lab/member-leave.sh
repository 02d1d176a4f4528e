#!/usr/bin/env bash
# Drains member tanzuhispano-01 from the ClusterSet on leader tanzuhispano-db.
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
k() { kubectl -n antrea-multicluster "$@"; }
mca=member-announce-from-tanzuhispano-01
until kubectl version --request-timeout=10s >/dev/null 2>&1; do
  late && fail 'leader tanzuhispano-db did not answer for 600s, so member tanzuhispano-01 was not drained (its MemberClusterAnnounce and ResourceExports may remain); run destroy again once the leader answers, or, if the leader is gone for good, remove this resource from the state with pulumi state delete'
  progress 'the API of leader cluster tanzuhispano-db' 'not answering yet'
  sleep 5
done
kubectl get crd memberclusterannounces.multicluster.crd.antrea.io >/dev/null 2>&1 || { echo "no leader CRDs: nothing to drain"; exit 0; }
mca_wait=$((SECONDS + 60)); (( mca_wait < deadline )) || mca_wait=$deadline
while k get memberclusterannounces.multicluster.crd.antrea.io "$mca" >/dev/null 2>&1 && (( SECONDS < mca_wait )); do progress 'the MemberClusterAnnounce of member tanzuhispano-01 in cluster tanzuhispano-db' 'still there'; sleep 5; done
in_slices 'the MemberClusterAnnounce of member tanzuhispano-01 in cluster tanzuhispano-db' "$(left)" k delete memberclusterannounces.multicluster.crd.antrea.io "$mca" --ignore-not-found --wait=true >/dev/null || fail 'leader tanzuhispano-db: the MemberClusterAnnounce of member tanzuhispano-01 was not removed within 600s (is the leader antrea-mc-controller running?)'
listing="$(k get resourceexports.multicluster.crd.antrea.io -o jsonpath='{range .items[?(@.spec.clusterID=="tanzuhispano-01")]}{.metadata.name}{"\n"}{end}')" || fail 'leader tanzuhispano-db: its ResourceExports cannot be listed'
mapfile -t stale <<<"$listing"
for name in "${stale[@]}"; do
  [[ -n "$name" ]] || continue
  in_slices 'the ResourceExports of member tanzuhispano-01 in cluster tanzuhispano-db' "$(left)" k delete resourceexports.multicluster.crd.antrea.io "$name" --ignore-not-found --wait=true >/dev/null || fail 'leader tanzuhispano-db: a ResourceExport of member tanzuhispano-01 was not removed within 600s (is the leader antrea-mc-controller running?):'" $name"
done
echo 'member tanzuhispano-01 left the ClusterSet on leader tanzuhispano-db'
