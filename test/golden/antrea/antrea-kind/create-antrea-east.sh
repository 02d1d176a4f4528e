#!/usr/bin/env bash
# create kind cluster antrea-east (kept when it exists)
set -euo pipefail
command -v kind >/dev/null 2>&1 || { echo 'kind is not on PATH: install kind v0.32 or later (https://kind.sigs.k8s.io/docs/user/quick-start/)' >&2; exit 1; }

name=antrea-east
state="${XDG_STATE_HOME:-$HOME/.local/state}/multicluster/kind"
work="$state/$name.work"
creating="$state/$name.creating"
clusters=$(kind get clusters 2>/dev/null || true)
listed() { grep -Fqx -- "$name" <<<"$clusters"; }
if listed && [[ ! -e $creating ]]; then
  rm -rf "$work"
  echo "kind cluster $name already exists"
  exit 0
fi
if listed; then
  echo "kind cluster $name was left half-created by an interrupted run: deleting it to create it again"
  kind delete cluster --name "$name"
fi
mkdir -p "$state"
rm -rf "$work"
(umask 077 && mkdir "$work")
cat >"$work/kind.yaml" <<'KIND_CONFIG'
apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
name: antrea-east
networking:
  apiServerAddress: 127.0.0.1
  disableDefaultCNI: true
  kubeProxyMode: iptables
  podSubnet: 10.246.0.0/16
  serviceSubnet: 10.98.0.0/16
nodes:
  - image: kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5
    role: control-plane
  - image: kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5
    role: worker
KIND_CONFIG
: >"$creating"
# A throwaway kubeconfig: ~/.kube/config is left alone; Pulumi reads the kubeconfig in its own step.
# --wait 0s: without a CNI the nodes stay NotReady, while the API server is up when create returns.
kind create cluster --name "$name" --config "$work/kind.yaml" --kubeconfig "$work/kubeconfig" --wait 0s
rm -f "$creating"
rm -rf "$work"
echo "kind cluster $name created"
