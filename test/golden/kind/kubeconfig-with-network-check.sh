#!/usr/bin/env bash
# print the kubeconfig of kind cluster lb-east
set -euo pipefail
command -v kind >/dev/null 2>&1 || { echo 'kind is not on PATH: install kind v0.32 or later (https://kind.sigs.k8s.io/docs/user/quick-start/)' >&2; exit 1; }

name=lb-east
internal=https://lb-east-control-plane:6443
# Read whole, then matched: grep -q on a pipe could end kind early with SIGPIPE under pipefail.
internal_config=$(kind get kubeconfig --name "$name" --internal)
if ! grep -Eq "^[[:space:]]*server: $internal\$" <<<"$internal_config"; then
  echo "kind cluster $name does not serve its API at $internal inside the Docker network" >&2
  exit 1
fi
# Every LoadBalancer address pinned for this cluster must lie in the Docker network its nodes are on.
network="${KIND_EXPERIMENTAL_DOCKER_NETWORK:-kind}"
# kind uses podman or nerdctl when KIND_EXPERIMENTAL_PROVIDER says so or when there is no docker (pkg/cluster/provider.go).
if [[ "${KIND_EXPERIMENTAL_PROVIDER:-docker}" != docker ]] || ! command -v docker >/dev/null 2>&1; then
  echo "note: kind does not run on docker here, so clusters[0].loadBalancerPools was not checked against its network" >&2
else
  subnets=$(docker network inspect "$network" -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}')
  used=$(docker network inspect "$network" -f '{{range .IPAM.Config}}{{.Gateway}} {{end}}{{range .Containers}}{{.IPv4Address}} {{end}}')
  ip4() { local a b c d; IFS=. read -r a b c d <<<"${1%/*}"; echo $(( (a << 24) | (b << 16) | (c << 8) | d )); }
  networks="" lows=() highs=()
  for subnet in $subnets; do
    [[ $subnet == *.*/* ]] || continue
    size=$(( 1 << (32 - ${subnet#*/}) )); low=$(( $(ip4 "$subnet") & ~(size - 1) & 0xffffffff ))
    networks="$networks $subnet"; lows+=("$low"); highs+=("$(( low + size - 1 ))")
  done
  [[ -n $networks ]] || { echo "kind cluster lb-east: the Docker network $network has no IPv4 subnet, so clusters[0].loadBalancerPools cannot be reached" >&2; exit 1; }
  bad="" taken=""
  spans=('172.18.0.61-172.18.0.70 2886860861 2886860870' '172.18.255.200/29 2886926280 2886926287')
  for span in "${spans[@]}"; do
    read -r text first last <<<"$span"
    inside=0
    for i in "${!lows[@]}"; do (( first >= lows[i] && last <= highs[i] )) && inside=1; done
    (( inside )) || bad="$bad $text"
    for address in $used; do
      [[ $address == *.* ]] || continue
      value=$(ip4 "$address"); (( value >= first && value <= last )) && taken="$taken ${address%/*}"
    done
  done
  [[ -z $bad ]] || { echo "kind cluster lb-east: clusters[0].loadBalancerPools has addresses outside the Docker network $network (${networks# }):$bad; fix: pick addresses inside it, e.g. from its upper end" >&2; exit 1; }
  [[ -z $taken ]] || { echo "kind cluster lb-east: clusters[0].loadBalancerPools includes addresses Docker gave to the network's gateway or its containers:$taken; fix: pick free addresses from the upper end of$networks" >&2; exit 1; }
fi
kind get kubeconfig --name "$name"
