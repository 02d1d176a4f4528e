#!/usr/bin/env bash
# Proof: Service web exported by antrea-east answers in antrea-west as antrea-mc-web.
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
k() { kubectl -n antrea-mc-demo "$@"; }
bounded_out="$(mktemp)"
trap 'rm -f "$kubeconfig" "$bounded_out"' EXIT
bounded() {
  local end=$((SECONDS + $1)) out=$2 pid
  shift 2
  kubectl --request-timeout=15s "$@" >"$out" 2>&1 &
  pid=$!
  while (( SECONDS < end )) && kill -0 "$pid" 2>/dev/null; do sleep 1; done
  if kill -KILL "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; return 124; fi
  wait "$pid" 2>/dev/null
}
curl_from() {
  local limit status=0
  limit=$((deadline - SECONDS)); (( limit <= 20 )) || limit=20; (( limit >= 1 )) || limit=1
  bounded "$limit" "$bounded_out" -n antrea-mc-demo exec "deploy/$1" -- curl -sS --max-time 5 "$2" || status=$?
  reply="$(cat "$bounded_out")" stuck=""
  (( status != 124 )) || stuck="kubectl exec into deploy/$1 did not end within ${limit}s (its stream hangs)"
  return "$status"
}
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
in_slices 'Deployment antrea-mc-demo/client in cluster antrea-west' "$(left)" k rollout status deployment/client >/dev/null || fail 'cluster antrea-west: Deployment client is not rolled out after 600s'
in_slices 'Deployment antrea-mc-demo/outsider in cluster antrea-west' "$(left)" k rollout status deployment/outsider >/dev/null || fail 'cluster antrea-west: Deployment outsider is not rolled out after 600s'
expected='"cluster":"antrea-east"'
answer="" pending="" first=1 reply="" stuck=""
while :; do
  (( first )) || { late && fail 'cluster antrea-west: antrea-mc-web.antrea-mc-demo (exported by antrea-east) did not prove cross-cluster traffic within 600s:'" $pending"; progress 'the import antrea-mc-web in cluster antrea-west' "$pending"; sleep 5; }
  first=0
  k get service antrea-mc-web >/dev/null 2>&1 || { pending="the import antrea-mc-web does not exist yet"; continue; }
  curl_from client http://antrea-mc-web.antrea-mc-demo.svc || true
  [[ -z "$stuck" ]] || { pending="$stuck"; continue; }
  answer="$reply"
  [[ "$answer" == *"$expected"* ]] || { pending="last answer: ${answer:-none}"; continue; }
  ips="$(k get endpoints antrea-mc-web -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" || ips=""
  [[ -n "$ips" ]] || { pending="the import has no endpoints yet"; continue; }
  bad=""
  for ip in $ips; do in_cidrs "$ip" 10.246.0.0/16 || bad="$bad $ip"; done
  [[ -z "$bad" ]] || { pending="endpoints$bad are not in the Pod CIDRs of antrea-east (10.246.0.0/16): endpointIPType PodIP is not in effect"; continue; }
  curl_from client "http://${ips%% *}/" || true
  [[ -z "$stuck" ]] || { pending="$stuck"; continue; }
  direct="$reply"
  [[ "$direct" == *"$expected"* ]] || { pending="Pod ${ips%% *} of antrea-east did not answer Pod-to-Pod: ${direct:-none}"; continue; }
  refused=0; curl_from outsider http://antrea-mc-web.antrea-mc-demo.svc || refused=$?
  [[ -z "$stuck" ]] || { pending="$stuck"; continue; }
  (( refused != 0 )) || { pending="Pods of antrea-west not labelled app=client still reach web: the stretched policy is not enforced"; continue; }
  (( refused == 28 )) || { pending="the outsider's request failed with exit status $refused, not curl's timeout (28) that the policy's Drop gives"; continue; }
  break
done
echo 'cluster antrea-west: antrea-mc-web answered from antrea-east:'" $answer"
