#!/usr/bin/env bash
# delete kind cluster dev-east
set -euo pipefail
command -v kind >/dev/null 2>&1 || { echo 'kind is not on PATH: install kind v0.32 or later (https://kind.sigs.k8s.io/docs/user/quick-start/)' >&2; exit 1; }

name=dev-east
state="${XDG_STATE_HOME:-$HOME/.local/state}/multicluster/kind"
work="$state/$name.work"
creating="$state/$name.creating"
kind delete cluster --name "$name"
rm -rf "$work" "$creating"
