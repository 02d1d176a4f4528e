#!/usr/bin/env bash
# Cluster Mesh health gate of cluster k8s-cilium-01: every agent sees every peer as ready.
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
command -v node >/dev/null 2>&1 || { echo 'node is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"
k() { kubectl -n kube-system "$@"; }
deadline=$((SECONDS + 600))
# Seconds left before the deadline (at least 1), for the bounded kubectl waits.
left() { local s=$((deadline - SECONDS)); (( s > 0 )) || s=1; echo "$s"; }
fail() { echo "$1" >&2; exit 1; }

cluster=k8s-cilium-01
peers=(k8s-cilium-02)
check='const s = JSON.parse(require("fs").readFileSync(0, "utf8")); const seen = new Map((((s["cluster-mesh"] || {}).clusters) || []).map((c) => [c.name, c])); const bad = process.argv.slice(1).filter((p) => (seen.get(p) || {}).ready !== true); const unsynced = (y) => [...["endpoints", "identities", "nodes", "services"].filter((k) => y[k] !== true), ...["service-exports", "endpoint-slices"].filter((k) => y[k] === false)]; const why = (c) => !c ? "is not configured" : !c.connected ? "is not connected (" + (c.status || "no status") + ")" : !c.config ? "has not sent its configuration" : c.config.required && !c.config.retrieved ? "has not sent its required configuration" : !c.synced ? "has no synchronization status" : unsynced(c.synced).length > 0 ? "is still synchronizing " + unsynced(c.synced).join(", ") : "is not ready (" + (c.status || "no status") + ")"; if (bad.length > 0) { console.log(bad.map((p) => "peer " + p + " " + why(seen.get(p))).join("; ")); process.exit(1); }'
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
in_slices 'clustermesh-apiserver Available in cluster k8s-cilium-01' "$(left)" k wait --for=condition=Available deploy/clustermesh-apiserver >/dev/null ||
  fail "cluster $cluster: the clustermesh-apiserver (Deployment kube-system/clustermesh-apiserver) did not become Available within 600s"
# The checks end 15s before the deadline, kept for cilium-dbg troubleshoot.
ready_by=$((deadline - 15))
pending="" failed_peer=""
mesh_ready() {
  local pods pod code missing limit
  pods="$(k get pods -l k8s-app=cilium -o jsonpath='{.items[*].metadata.name}')" || { pending="cannot list the Cilium agents"; return 1; }
  [[ -n "$pods" ]] || { pending="no Cilium agent pod exists"; return 1; }
  for pod in $pods; do
    limit=$((ready_by - SECONDS)); (( limit <= 20 )) || limit=20; (( limit >= 1 )) || limit=1
    code=0; bounded "$limit" "$bounded_out" -n kube-system exec "$pod" -c cilium-agent -- cilium-dbg status -o json || code=$?
    (( code != 124 )) || { pending="agent $pod did not answer cilium-dbg status within ${limit}s (its kubectl exec hangs)"; return 1; }
    (( code == 0 )) || { pending="agent $pod does not answer cilium-dbg status"; return 1; }
    if ! missing="$(node -e "$check" ${peers[@]+"${peers[@]}"} <"$bounded_out")"; then
      pending="agent $pod: $missing"; failed_peer="$(printf '%s' "$missing" | sed -n 's/^peer \([^ ]*\) .*/\1/p')"; return 1
    fi
  done
}
until mesh_ready; do
  if (( SECONDS >= ready_by )); then
    echo "cluster $cluster: Cluster Mesh not healthy after 585s: $pending" >&2
    limit=$((deadline - SECONDS)); (( limit <= 15 )) || limit=15; (( limit >= 1 )) || limit=1
    bounded "$limit" "$bounded_out" -n kube-system exec ds/cilium -c cilium-agent -- cilium-dbg troubleshoot clustermesh ${failed_peer:+"$failed_peer"} || true
    cat "$bounded_out" >&2
    exit 1
  fi
  progress 'Cluster Mesh health in cluster k8s-cilium-01' "$pending"
  sleep 5
done
echo "cluster $cluster: every Cilium agent sees every peer as ready: ${peers[*]:-none}"
