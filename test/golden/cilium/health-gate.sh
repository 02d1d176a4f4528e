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

cluster=k8s-cilium-01
peers=(k8s-cilium-02)
check='const s = JSON.parse(require("fs").readFileSync(0, "utf8")); const seen = new Map((((s["cluster-mesh"] || {}).clusters) || []).map((c) => [c.name, c])); const bad = process.argv.slice(1).filter((p) => !(seen.get(p) || {}).ready); const why = (p) => seen.has(p) ? "is not ready (" + (seen.get(p).status || "no status") + ")" : "is not configured"; if (bad.length > 0) { console.log(bad.map((p) => "peer " + p + " " + why(p)).join("; ")); process.exit(1); }'
k wait --for=condition=Available --timeout=600s deploy/clustermesh-apiserver
deadline=$((SECONDS + 600))
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
