#!/usr/bin/env bash
# Proof: Service web exported by test-cluster-east answers in test-cluster-west as antrea-mc-web.
set -euo pipefail
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
k() { kubectl -n antrea-mc-demo "$@"; }
ip_int() { local a b c d; IFS=. read -r a b c d <<<"$1"; echo $(( (a << 24) | (b << 16) | (c << 8) | d )); }
in_cidrs() {
  local ip=$1 cidr net bits mask; shift
  [[ "$ip" =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ ]] || return 1
  for cidr in "$@"; do
    net=${cidr%/*} bits=${cidr#*/}
    mask=$(( bits == 0 ? 0 : (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF ))
    if (( ($(ip_int "$ip") & mask) == ($(ip_int "$net") & mask) )); then return 0; fi
  done
  return 1
}
k rollout status deployment/client --timeout="$(left)" >/dev/null || fail 'cluster test-cluster-west: Deployment client is not rolled out after 600s'
expected='"cluster":"test-cluster-east"'
answer="" pending="" first=1
while :; do
  (( first )) || { late && fail 'cluster test-cluster-west: antrea-mc-web.antrea-mc-demo (exported by test-cluster-east) did not prove cross-cluster traffic within 600s:'" $pending"; sleep 5; }
  first=0
  k get service antrea-mc-web >/dev/null 2>&1 || { pending="the import antrea-mc-web does not exist yet"; continue; }
  answer="$(k exec deploy/client -- curl -sS --max-time 5 http://antrea-mc-web.antrea-mc-demo.svc 2>&1)" || true
  [[ "$answer" == *"$expected"* ]] || { pending="last answer: ${answer:-none}"; continue; }
  ips="$(k get endpoints antrea-mc-web -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" || ips=""
  [[ -n "$ips" ]] || { pending="the import has no endpoints yet"; continue; }
  bad=""
  for ip in $ips; do in_cidrs "$ip" 10.220.16.0/20 || bad="$bad $ip"; done
  [[ -z "$bad" ]] || { pending="endpoints$bad are not in the Service CIDRs of test-cluster-east (10.220.16.0/20): endpointIPType ClusterIP is not in effect"; continue; }
  break
done
echo 'cluster test-cluster-west: antrea-mc-web answered from test-cluster-east:'" $answer"
