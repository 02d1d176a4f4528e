#!/usr/bin/env bash
# remove the CAs and service-account key of cluster alpha from alpha-cp-1
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

owner=""; if [[ -f /etc/kubeadm-cluster/pki.owner ]]; then read -r owner </etc/kubeadm-cluster/pki.owner || true; fi
if [[ -n $owner && $owner != alpha/alpha-cp-1 ]]; then
  echo "this host is now $owner, no longer alpha/alpha-cp-1: its cluster CAs are left alone"
  exit 0
fi
for file in ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key; do
  rm -f "/etc/kubernetes/pki/$file"
done
rm -rf /etc/kubernetes/pki-staging.pulumi /etc/kubernetes/pki-kept.pulumi
rmdir /etc/kubernetes/pki/etcd /etc/kubernetes/pki 2>/dev/null || true
rm -f /etc/kubeadm-cluster/pki.owner /etc/kubeadm-cluster/pki.owner.new
echo "cluster CAs removed from /etc/kubernetes/pki"
