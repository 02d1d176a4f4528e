#!/usr/bin/env bash
# release a node of cluster alpha: unhold packages, stop the kubelet
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if command -v apt-mark >/dev/null 2>&1; then
  apt-mark unhold kubelet kubeadm kubectl containerd.io >/dev/null 2>&1 || true
fi
if systemctl is-enabled --quiet kubelet 2>/dev/null; then
  systemctl disable --now kubelet
fi
echo "kubelet stopped and packages unheld; containerd and the packages stay installed"
