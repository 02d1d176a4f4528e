#!/usr/bin/env bash
# release alpha-worker-1 of cluster alpha: unhold packages, stop the kubelet
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

owner=""; if [[ -f /etc/kubeadm-cluster/prepare.owner ]]; then read -r owner </etc/kubeadm-cluster/prepare.owner || true; fi
if [[ -n $owner && $owner != alpha/alpha-worker-1 ]]; then
  echo "this host is now $owner, no longer alpha/alpha-worker-1: its kubelet and packages are left alone"
  exit 0
fi
if command -v apt-mark >/dev/null 2>&1; then
  apt-mark unhold kubelet kubeadm kubectl containerd.io >/dev/null 2>&1 || true
fi
if systemctl is-enabled --quiet kubelet 2>/dev/null; then
  systemctl disable --now kubelet
fi
rm -f /etc/kubeadm-cluster/prepare.owner /etc/kubeadm-cluster/prepare.owner.new
echo "kubelet stopped and packages unheld; containerd and the packages stay installed"
