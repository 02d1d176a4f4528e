#!/usr/bin/env bash
set -euo pipefail
# A vRouter left behind by an earlier CN2 install, on a node that is in no cluster (kubeadm reset removes kubelet.conf).
if [[ ! -e /etc/kubernetes/kubelet.conf ]] && { ip link show vhost0 >/dev/null 2>&1 || grep -q '^vrouter ' /proc/modules; }; then
  echo "node $(uname -n) still carries a CN2 vRouter from an earlier install (interface vhost0 or kernel module vrouter) but belongs to no cluster; fix: reboot or reinstall the node before it joins again (destroy does not undo the vRouter's host changes)" >&2
  exit 1
fi
