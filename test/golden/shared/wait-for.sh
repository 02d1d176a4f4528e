#!/usr/bin/env bash
# wait for the API server
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
deadline=$((SECONDS + 300))
until curl -fsk https://127.0.0.1:6443/readyz >/dev/null; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 300s waiting for the API server' >&2
    exit 1
  fi
  sleep 2
done
