#!/usr/bin/env bash
# remove the CAs and service-account key of cluster alpha from /etc/kubernetes/pki
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

for file in ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key; do
  rm -f "/etc/kubernetes/pki/$file"
done
rm -rf /etc/kubernetes/pki-staging.pulumi /etc/kubernetes/pki-kept.pulumi
rmdir /etc/kubernetes/pki/etcd /etc/kubernetes/pki 2>/dev/null || true
echo "cluster CAs removed from /etc/kubernetes/pki"
