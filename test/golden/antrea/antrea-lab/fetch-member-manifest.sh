#!/usr/bin/env bash
# Downloads antrea-multicluster-member.yml of Antrea 2.7.0 (pinned release asset).
set -euo pipefail
command -v curl >/dev/null 2>&1 || { echo 'curl is required on the machine running pulumi' >&2; exit 1; }
curl -fsSL --retry 3 --retry-delay 2 https://github.com/antrea-io/antrea/releases/download/v2.7.0/antrea-multicluster-member.yml
