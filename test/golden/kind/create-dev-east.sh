#!/usr/bin/env bash
# create kind cluster dev-east (kept when it exists)
set -euo pipefail
command -v kind >/dev/null 2>&1 || { echo 'kind is not on PATH: install kind v0.32 or later (https://kind.sigs.k8s.io/docs/user/quick-start/)' >&2; exit 1; }

name=dev-east
if kind get clusters 2>/dev/null | grep -Fqx "$name"; then
  echo "kind cluster $name already exists"
  exit 0
fi
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
cat >"$workdir/kind.yaml" <<'KIND_CONFIG'
apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
name: dev-east
networking:
  apiServerAddress: 127.0.0.1
  disableDefaultCNI: true
  kubeProxyMode: none
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/16
nodes:
  - image: kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5
    role: control-plane
  - image: kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5
    role: worker
  - image: kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5
    role: worker
KIND_CONFIG
# A throwaway kubeconfig: ~/.kube/config is left alone; Pulumi reads the kubeconfig in its own step.
# --wait 0s: without a CNI the nodes stay NotReady, while the API server is up when create returns.
kind create cluster --name "$name" --config "$workdir/kind.yaml" --kubeconfig "$workdir/kubeconfig" --wait 0s
echo "kind cluster $name created"
