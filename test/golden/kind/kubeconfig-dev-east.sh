#!/usr/bin/env bash
# print the kubeconfig of kind cluster dev-east
set -euo pipefail
command -v kind >/dev/null 2>&1 || { echo 'kind is not on PATH: install kind v0.32 or later (https://kind.sigs.k8s.io/docs/user/quick-start/)' >&2; exit 1; }

name=dev-east
internal=https://dev-east-control-plane:6443
# Read whole, then matched: grep -q on a pipe could end kind early with SIGPIPE under pipefail.
internal_config=$(kind get kubeconfig --name "$name" --internal)
if ! grep -Eq "^[[:space:]]*server: $internal\$" <<<"$internal_config"; then
  echo "kind cluster $name does not serve its API at $internal inside the Docker network" >&2
  exit 1
fi
kind get kubeconfig --name "$name"
