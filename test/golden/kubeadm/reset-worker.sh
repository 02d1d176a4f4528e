#!/usr/bin/env bash
# reset alpha-worker-1 of cluster alpha: kubeadm reset, CNI config and kubeadm configs removed
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if ! command -v kubeadm >/dev/null 2>&1; then
  echo 'kubeadm is not installed on alpha-worker-1: nothing to reset'
  exit 0
fi
reset_node() {
  timeout --kill-after=30s 600 kubeadm reset --force
  rm -rf /etc/cni/net.d /etc/kubernetes/pki-kept.pulumi
}
if [[ -d /etc/kubernetes/pki-kept.pulumi || -f /etc/kubernetes/kubelet.conf || -f /etc/kubernetes/admin.conf || -f /var/lib/kubelet/config.yaml ]] ||
  compgen -G '/etc/kubernetes/manifests/*.yaml' >/dev/null; then
  reset_node
  echo 'alpha-worker-1 reset'
else
  echo 'alpha-worker-1 is not part of a cluster: nothing to reset'
fi
rm -rf /etc/cni/net.d
rm -f /etc/kubernetes/kubeadm-init.yaml /etc/kubernetes/kubeadm-join.yaml /etc/kubernetes/kubeadm-token.yaml /etc/kubernetes/kubeadm-init.started /etc/kubernetes/kubeadm-join.started
