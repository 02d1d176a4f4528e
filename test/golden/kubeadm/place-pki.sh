#!/usr/bin/env bash
# place the CAs and service-account key of cluster alpha on alpha-cp-1 in /etc/kubernetes/pki, where kubeadm reuses them
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

for part in prepare pki member; do
  owner=""; if [[ -f /etc/kubeadm-cluster/$part.owner ]]; then read -r owner <"/etc/kubeadm-cluster/$part.owner" || true; fi
  if [[ -n $owner && $owner != alpha/* ]]; then
    echo "this host is $owner of another cluster: remove it from that cluster (pulumi up there) before it joins alpha" >&2
    exit 1
  fi
done
install -D -m 0644 /dev/stdin /etc/kubeadm-cluster/pki.owner.new <<<alpha/alpha-cp-1
mv -f /etc/kubeadm-cluster/pki.owner.new /etc/kubeadm-cluster/pki.owner
umask 077
install -d -m 0755 /etc/kubernetes
pki=/etc/kubernetes/pki
staging=/etc/kubernetes/pki-staging.pulumi
files=(ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key)
rm -rf "$staging"
install -d -m 0700 "$staging"
trap 'rm -rf "$staging"' EXIT
for file in "${files[@]}"; do
  if ! IFS= read -r line; then
    echo "stdin ended before $file: expected ${#files[@]} base64 lines" >&2
    exit 1
  fi
  printf '%s' "$line" | base64 -d >"$staging/${file////_}"
done
placed=()
for file in "${files[@]}"; do
  staged="$staging/${file////_}"
  target="$pki/$file"
  if [[ -f $target ]] && cmp -s "$staged" "$target"; then continue; fi
  if [[ -f /etc/kubernetes/kubelet.conf ]]; then
    echo "refusing to replace $target on a node that already runs in the cluster: its CAs must not change (restore the previous keys, or rebuild the cluster)" >&2
    exit 1
  fi
  mode=0600
  if [[ $file == *.crt || $file == *.pub ]]; then mode=0644; fi
  install -D -m "$mode" "$staged" "$target.pulumi-new"
  mv -f "$target.pulumi-new" "$target"
  placed+=("$file")
done
rm -rf "$staging"
if ((${#placed[@]})); then echo "placed in $pki: ${placed[*]}"; else echo "PKI already in place"; fi
