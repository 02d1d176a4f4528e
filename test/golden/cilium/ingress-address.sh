#!/usr/bin/env bash
# Checks that cilium-ingress got its pinned address 172.26.0.101 in cluster k8s-cilium-01.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
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

want=172.26.0.101
seen="nothing yet"
has_address() {
  local ips
  ips="$(k get service cilium-ingress -o jsonpath='{.status.loadBalancer.ingress[*].ip}' 2>/dev/null)" || { seen="no readable Service"; return 1; }
  seen="${ips:-no address}"
  if [[ -n "$want" ]]; then [[ " $ips " == *" $want "* ]]; else [[ -n "$ips" ]]; fi
}
until has_address; do
  (( SECONDS < deadline )) || fail "cluster k8s-cilium-01: Service kube-system/cilium-ingress has $seen instead of its pinned address 172.26.0.101 after 600s; check the LB-IPAM pools (kubectl get ciliumloadbalancerippools) and the Service's events"
  sleep 5
done
echo "cluster k8s-cilium-01: cilium-ingress has its pinned address 172.26.0.101: $seen"
