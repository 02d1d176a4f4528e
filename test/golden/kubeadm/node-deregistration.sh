#!/usr/bin/env bash
# record that alpha-worker-1 leaves cluster alpha through this step (its delete deletes the Node after the reset)
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

echo 'the Node alpha-worker-1 is deleted from cluster alpha after alpha-worker-1 is reset'
