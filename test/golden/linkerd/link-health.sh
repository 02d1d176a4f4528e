#!/usr/bin/env bash
# Link health gate: cluster kind-east mirrors cluster kind-west.
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
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

kc() { kubectl --request-timeout=15s "$@"; }
cluster=kind-east
pending=""
k() { kc -n linkerd-multicluster "$@"; }
target=kind-west
gateway_ip=172.18.0.80
forward_log="$(mktemp)"
trap 'rm -f "$kubeconfig" "$forward_log"' EXIT
metrics=""
rolled_out() {
  local status generation observed wanted current updated available
  status="$(kc -n "$1" get deployment "$2" -o jsonpath='{.metadata.generation}/{.status.observedGeneration}/{.spec.replicas}/{.status.replicas}/{.status.updatedReplicas}/{.status.availableReplicas}' 2>/dev/null)" ||
    { pending="the Deployment $1/$2 does not exist yet"; return 1; }
  IFS=/ read -r generation observed wanted current updated available <<<"$status"
  if [[ -z "$observed" ]] || (( generation > observed || ${updated:-0} < ${wanted:-1} || ${current:-0} > ${updated:-0} || ${available:-0} < ${updated:-0} )); then
    pending="the Deployment $1/$2 is not rolled out (${available:-0} of ${wanted:-1} replicas updated and available)"
    return 1
  fi
}
meshed() {
  local listing name deleting phase names count=0 bare=""
  listing="$(kc -n "$1" get pods -l "$2" -o jsonpath='{range .items[*]}{.metadata.name}{"|"}{.metadata.deletionTimestamp}{"|"}{.status.phase}{"|"}{.spec.initContainers[*].name} {.spec.containers[*].name}{"\n"}{end}' 2>/dev/null)" ||
    { pending="cannot list the $3 pods"; return 1; }
  while IFS='|' read -r name deleting phase names; do
    [[ -n "$name" && -z "$deleting" && "$phase" != Succeeded && "$phase" != Failed ]] || continue
    count=$((count + 1))
    [[ " $names " == *" linkerd-proxy "* ]] || bare="$bare $1/$name"
  done <<<"$listing"
  (( count > 0 )) || { pending="no $3 pod runs yet"; return 1; }
  [[ -z "$bare" ]] || {
    echo "cluster $cluster: the $3 pods$bare carry no Linkerd proxy (neither a native sidecar among the init containers nor a container), so the proxy injector did not mesh them; delete them so that their replacements are meshed" >&2
    exit 1
  }
}
sha256_of() { if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1; }
credentials_current() {
  local encoded hash applied
  encoded="$(k get secret cluster-credentials-kind-west -o jsonpath='{.data.kubeconfig}' 2>/dev/null)" || encoded=""
  [[ -n "$encoded" ]] || { pending="the credentials Secret of the link does not exist yet"; return 1; }
  hash="$(printf '%s' "$encoded" | sha256_of)"
  applied="$(k get deployment "controller-$target" -o jsonpath='{.spec.template.metadata.annotations.linkerd-link\.multicluster/credentials-sha256}' 2>/dev/null)" || applied=""
  [[ "$applied" != "$hash" ]] || return 0
  k patch deployment "controller-$target" --type merge -p "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"linkerd-link.multicluster/credentials-sha256\":\"$hash\"}}}}}" >/dev/null ||
    { pending="the service-mirror controller controller-$target cannot be restarted onto the link's credentials yet"; return 1; }
  echo "the service-mirror controller controller-$target restarts onto the link's current credentials"
}
read_metrics() {
  local holder port="" pf_pid
  holder="$(k get lease "service-mirror-write-$target" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null)" || holder=""
  [[ -n "$holder" ]] || { pending="no service-mirror controller holds the lease service-mirror-write-$target yet"; return 1; }
  kubectl --request-timeout=15s -n linkerd-multicluster port-forward "pod/$holder" :9999 >"$forward_log" 2>&1 &
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
probe_points_at_gateway() {
  [[ " $(k get endpoints "probe-$target" -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null) " == *" $gateway_ip "* ]] ||
    { pending="the probe service probe-$target does not point at the gateway $gateway_ip yet"; return 1; }
}
controller_sees_target() {
  grep -Eq '^service_cache_size\{[^}]*cluster="kind-west"[^}]*\} [1-9]' <<<"$metrics" || { pending='the controller cannot list services through the target API https://kind-west-control-plane:6443 with the link'"'"'s credentials'; return 1; }
  grep -Eq '^gateway_alive\{[^}]*target_cluster_name="kind-west"[^}]*\} 1$' <<<"$metrics" || { pending="the gateway $gateway_ip does not answer the controller's probes over mTLS (gateway_alive is not 1)"; return 1; }
}
mirrors_ready() {
  local services namespace name addresses
  services="$(kc get services -A -l 'mirror.linkerd.io/mirrored-service,!mirror.linkerd.io/mirrored-gateway,!multicluster.linkerd.io/remote-discovery,mirror.linkerd.io/cluster-name=kind-west' -o jsonpath='{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\n"}{end}')" || { pending="cannot list the mirrored services"; return 1; }
  while read -r namespace name; do
    [[ -n "$name" ]] || continue
    addresses="$(kc -n "$namespace" get endpoints "$name" -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" || addresses=""
    [[ -n "$addresses" ]] || { pending="mirrored service $namespace/$name has no ready endpoints"; return 1; }
  done <<<"$services"
}
link_exists() { k get link.multicluster.linkerd.io "$target" >/dev/null 2>&1 || { pending="the Link $target does not exist"; return 1; }; }
gate_passes() {
  link_exists || return 1
  credentials_current || return 1
  rolled_out linkerd-multicluster "controller-$target" || return 1
  meshed linkerd-multicluster component=controller,mirror.linkerd.io/cluster-name=kind-west "service-mirror controller" || return 1
  probe_points_at_gateway || return 1
  read_metrics || return 1
  controller_sees_target || return 1
  mirrors_ready || return 1
}
deadline=$((SECONDS + 600))
until gate_passes; do
  if (( SECONDS >= deadline )); then
    echo "cluster $cluster: link kind-east -> kind-west (kind-east mirrors kind-west) is not healthy after 600s: $pending" >&2
    exit 1
  fi
  progress 'the gate in cluster kind-east' "$pending"
  sleep 5
done
echo 'link kind-east -> kind-west is healthy: gateway 172.18.0.80 alive, every mirrored service has endpoints'
