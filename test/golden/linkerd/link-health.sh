#!/usr/bin/env bash
# Link health gate: cluster kind-east mirrors cluster kind-west.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo 'curl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"
k() { kubectl -n linkerd-multicluster "$@"; }
target=kind-west
gateway_ip=172.18.0.80
forward_log="$(mktemp)"
trap 'rm -f "$kubeconfig" "$forward_log"' EXIT
pending="" metrics=""

read_metrics() {
  local holder port="" pf_pid
  holder="$(k get lease "service-mirror-write-$target" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null)" || holder=""
  [[ -n "$holder" ]] || { pending="no service-mirror controller holds the lease service-mirror-write-$target yet"; return 1; }
  k port-forward "pod/$holder" :9999 >"$forward_log" 2>&1 &
  pf_pid=$!
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port="$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$forward_log" | head -n 1)"
    [[ -z "$port" ]] || break
    sleep 1
  done
  metrics=""
  [[ -z "$port" ]] || metrics="$(curl -fsS --max-time 5 "http://127.0.0.1:$port/metrics" 2>/dev/null)" || metrics=""
  kill "$pf_pid" 2>/dev/null || true
  wait "$pf_pid" 2>/dev/null || true
  [[ -n "$metrics" ]] || { pending="cannot read the metrics of controller pod $holder"; return 1; }
}
mirrors_ready() {
  local services namespace name addresses
  services="$(kubectl get services -A -l 'mirror.linkerd.io/mirrored-service,!mirror.linkerd.io/mirrored-gateway,!multicluster.linkerd.io/remote-discovery,mirror.linkerd.io/cluster-name=kind-west' -o jsonpath='{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\n"}{end}')" || { pending="cannot list the mirrored services"; return 1; }
  while read -r namespace name; do
    [[ -n "$name" ]] || continue
    addresses="$(kubectl -n "$namespace" get endpoints "$name" -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" || addresses=""
    [[ -n "$addresses" ]] || { pending="mirrored service $namespace/$name has no ready endpoints"; return 1; }
  done <<<"$services"
}
link_healthy() {
  local available endpoints
  k get link.multicluster.linkerd.io "$target" >/dev/null 2>&1 || { pending="the Link $target does not exist"; return 1; }
  available="$(k get deployment "controller-$target" -o jsonpath='{.status.availableReplicas}' 2>/dev/null)" || available=""
  [[ "${available:-0}" -ge 1 ]] || { pending="the service-mirror controller controller-$target is not available"; return 1; }
  endpoints="$(k get endpoints "probe-$target" -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" || endpoints=""
  [[ " $endpoints " == *" $gateway_ip "* ]] || { pending="the probe service probe-$target does not point at the gateway $gateway_ip yet"; return 1; }
  read_metrics || return 1
  grep -Eq '^service_cache_size\{[^}]*cluster="kind-west"[^}]*\} [1-9]' <<<"$metrics" || { pending='the controller cannot list services through the target API https://kind-west-control-plane:6443 with the link'"'"'s credentials'; return 1; }
  grep -Eq '^gateway_alive\{[^}]*target_cluster_name="kind-west"[^}]*\} 1$' <<<"$metrics" || { pending="the gateway $gateway_ip does not answer the controller's probes over mTLS (gateway_alive is not 1)"; return 1; }
  mirrors_ready
}
deadline=$((SECONDS + 600))
until link_healthy; do
  if (( SECONDS >= deadline )); then
    echo "link kind-east -> kind-west (kind-east mirrors kind-west) is not healthy after 600s: $pending" >&2
    exit 1
  fi
  sleep 5
done
echo 'link kind-east -> kind-west is healthy: gateway 172.18.0.80 alive, every mirrored service has endpoints'
