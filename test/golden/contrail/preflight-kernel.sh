#!/usr/bin/env bash
set -euo pipefail
# The kernel-mode vRouter of CN2 23.4 loads only on the kernels Juniper lists (Juniper/contrail-networking@2a86f70 releases/23.4/kernels/supported-kernels.json).
kernel="$(uname -r)"
# shellcheck source=/dev/null
. /etc/os-release
os="${ID:-unknown}-${VERSION_ID:-unknown}"
supported=()
case "$os" in
  ubuntu-22.04) supported=(5.15.0-25-generic 5.15.0-27-generic 5.15.0-30-generic 5.15.0-33-generic 5.15.0-35-generic 5.15.0-37-generic 5.15.0-39-generic 5.15.0-40-generic 5.15.0-41-generic 5.15.0-43-generic 5.15.0-46-generic 5.15.0-47-generic 5.15.0-48-generic 5.15.0-50-generic 5.15.0-52-generic 5.15.0-53-generic 5.15.0-56-generic 5.15.0-57-generic 5.15.0-58-generic 5.15.0-59-generic 5.15.0-60-generic 5.15.0-66-generic 5.15.0-67-generic 5.15.0-68-generic 5.15.0-69-generic 5.15.0-70-generic 5.15.0-71-generic 5.15.0-72-generic 5.15.0-73-generic 5.15.0-74-generic 5.15.0-75-generic 5.15.0-76-generic 5.15.0-77-generic 5.15.0-78-generic 5.15.0-79-generic 5.15.0-82-generic 5.15.0-83-generic 5.15.0-84-generic 5.15.0-85-generic 5.15.0-86-generic 5.15.0-87-generic 5.15.0-88-generic 5.15.0-89-generic 5.15.0-90-generic 5.15.0-91-generic) ;;
  *) ;;
esac
accepted=(6.8.0-49-generic)
for candidate in "${supported[@]}" "${accepted[@]}"; do
  if [[ $kernel == "$candidate" ]]; then
    exit 0
  fi
done
echo "node $(uname -n): kernel $kernel on $os "'is not one the CN2 23.4 vRouter is built for (ubuntu-22.04: 5.15.0-25-generic … 5.15.0-91-generic (45 kernels); Juniper/contrail-networking@2a86f70 releases/23.4/kernels/supported-kernels.json); fix: boot one of those kernels, or accept this one on purpose in mesh.allowUnsupportedKernels' >&2
exit 1
