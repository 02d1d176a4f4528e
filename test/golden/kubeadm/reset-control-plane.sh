#!/usr/bin/env bash
# reset alpha-cp-1 of cluster alpha: kubeadm reset, CNI config and kubeadm configs removed
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if ! command -v kubeadm >/dev/null 2>&1; then
  echo 'kubeadm is not installed on alpha-cp-1: nothing to reset'
  exit 0
fi
if [[ -f /etc/kubernetes/kubelet.conf || -f /etc/kubernetes/admin.conf || -f /var/lib/kubelet/config.yaml ]] ||
  compgen -G '/etc/kubernetes/manifests/*.yaml' >/dev/null; then
  # The CAs belong to the place-pki step, not to this one: keep them across the reset.
  keep=$(mktemp -d)
  trap 'rm -rf "$keep"' EXIT
  for file in ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key; do
    if [[ -f /etc/kubernetes/pki/$file ]]; then install -D -m 0600 "/etc/kubernetes/pki/$file" "$keep/$file"; fi
  done
  timeout --kill-after=30s 600 kubeadm reset --force
  rm -rf /etc/cni/net.d
  for file in ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key; do
    mode=0600
    if [[ $file == *.crt || $file == *.pub ]]; then mode=0644; fi
    if [[ -f $keep/$file ]]; then install -D -m "$mode" "$keep/$file" "/etc/kubernetes/pki/$file"; fi
  done
  echo 'alpha-cp-1 reset'
else
  echo 'alpha-cp-1 is not part of a cluster: nothing to reset'
fi
rm -f /etc/kubernetes/kubeadm-init.yaml /etc/kubernetes/kubeadm-join.yaml /etc/kubernetes/kubeadm-token.yaml
