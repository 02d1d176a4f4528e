#!/usr/bin/env bash
# Cluster Mesh health gate of cluster k8s-cilium-01: every agent sees every peer as ready.
set -euo pipefail
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
k wait --for=condition=Available --timeout="$(left)s" deploy/clustermesh-apiserver >/dev/null ||
  fail "cluster $cluster: the clustermesh-apiserver (Deployment kube-system/clustermesh-apiserver) did not become Available within 600s"
pending="" failed_peer=""
mesh_ready() {
  local pods pod status missing
  pods="$(k get pods -l k8s-app=cilium -o jsonpath='{.items[*].metadata.name}')" || { pending="cannot list the Cilium agents"; return 1; }
  [[ -n "$pods" ]] || { pending="no Cilium agent pod exists"; return 1; }
  for pod in $pods; do
    status="$(k exec "$pod" -c cilium-agent -- cilium-dbg status -o json 2>/dev/null)" || { pending="agent $pod does not answer cilium-dbg status"; return 1; }
    if ! missing="$(printf '%s' "$status" | node -e "$check" ${peers[@]+"${peers[@]}"})"; then
      pending="agent $pod: $missing"; failed_peer="$(printf '%s' "$missing" | sed -n 's/^peer \([^ ]*\) .*/\1/p')"; return 1
    fi
  done
}
until mesh_ready; do
  if (( SECONDS >= deadline )); then
    echo "cluster $cluster: Cluster Mesh not healthy after 600s: $pending" >&2
    k exec ds/cilium -c cilium-agent -- cilium-dbg troubleshoot clustermesh ${failed_peer:+"$failed_peer"} >&2 || true
    exit 1
  fi
  sleep 5
done
echo "cluster $cluster: every Cilium agent sees every peer as ready: ${peers[*]:-none}"
