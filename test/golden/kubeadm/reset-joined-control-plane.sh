#!/usr/bin/env bash
# reset beta-cp-2 of cluster beta: kubeadm reset, CNI leftovers and kubeadm configs removed
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

owner=""; if [[ -f /etc/kubeadm-cluster/member.owner ]]; then read -r owner </etc/kubeadm-cluster/member.owner || true; fi
if [[ -n $owner && $owner != beta/beta-cp-2 ]]; then
  echo "this host is now $owner, no longer beta/beta-cp-2: its cluster membership is left alone"
  exit 0
fi
if ! command -v kubeadm >/dev/null 2>&1; then
  echo 'kubeadm is not installed on beta-cp-2: nothing to reset'
  exit 0
fi
restore_kept_pki() {
  if [[ ! -d /etc/kubernetes/pki-kept.pulumi ]]; then return 0; fi
  for file in ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key; do
    mode=0600
    if [[ $file == *.crt || $file == *.pub ]]; then mode=0644; fi
    if [[ -f /etc/kubernetes/pki-kept.pulumi/$file ]]; then install -D -m "$mode" "/etc/kubernetes/pki-kept.pulumi/$file" "/etc/kubernetes/pki/$file"; fi
  done
}
reset_node() {
  # The CAs belong to the place-pki step, not to this one: keep them across the reset.
  restore_kept_pki
  if [[ ! -d /etc/kubernetes/pki-kept.pulumi ]]; then
    rm -rf /etc/kubernetes/pki-kept.pulumi.new
    install -d -m 0700 /etc/kubernetes/pki-kept.pulumi.new
    for file in ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key; do
      if [[ -f /etc/kubernetes/pki/$file ]]; then install -D -m 0600 "/etc/kubernetes/pki/$file" "/etc/kubernetes/pki-kept.pulumi.new/$file"; fi
    done
    mv /etc/kubernetes/pki-kept.pulumi.new /etc/kubernetes/pki-kept.pulumi
  fi
  timeout --kill-after=30s 600 kubeadm reset --force
  restore_kept_pki
  rm -rf /etc/cni/net.d /etc/kubernetes/pki-kept.pulumi
}
if [[ -f /etc/kubernetes/manifests/etcd.yaml && -f /etc/kubernetes/admin.conf ]]; then
  kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)
  api_wait=${KUBEADM_API_WAIT_SECONDS:-60}; [[ $api_wait =~ ^[0-9]+$ ]] || api_wait=60
  api_answers() {
    local deadline=$((SECONDS + api_wait))
    until "${kubectl[@]}" get --raw=/readyz >/dev/null 2>&1; do
      if (( SECONDS >= deadline )); then return 1; fi
      sleep 2
    done
  }
  if ! api_answers; then echo "warning: the API server of beta did not answer within ${api_wait}s, so kubeadm reset cannot remove the etcd member of beta-cp-2: remove it on a remaining control plane (etcdctl member remove), or etcd keeps counting it toward quorum" >&2; fi
fi
if [[ -d /etc/kubernetes/pki-kept.pulumi || -f /etc/kubernetes/kubelet.conf || -f /etc/kubernetes/admin.conf || -f /var/lib/kubelet/config.yaml ]] ||
  compgen -G '/etc/kubernetes/manifests/*.yaml' >/dev/null; then
  reset_node
  echo 'beta-cp-2 reset'
else
  echo 'beta-cp-2 is not part of a cluster: nothing to reset'
fi
rm -rf /etc/cni/net.d /var/lib/cni /var/run/cilium /sys/fs/bpf/cilium
rm -f /sys/fs/bpf/tc/globals/cilium_*
if command -v ip >/dev/null 2>&1; then
  # One listing (`<index>: <name>[@<peer>]: <flags> ...` per line), then a delete per link that exists.
  links=$(ip -o link show)
  for link in cilium_host cilium_net cilium_vxlan cilium_geneve cilium_wg0 antrea-gw0 antrea-tun0 cni0 flannel.1 kube-ipvs0 nodelocaldns; do
    if [[ $links == *": $link:"* || $links == *": $link@"* ]]; then ip link delete "$link" 2>/dev/null || true; fi
  done
fi
rm -f /etc/kubernetes/kubeadm-init.yaml /etc/kubernetes/kubeadm-join.yaml /etc/kubernetes/kubeadm-token.yaml /etc/kubernetes/kubeadm-init.started /etc/kubernetes/kubeadm-join.started
rm -f /etc/kubeadm-cluster/member.owner /etc/kubeadm-cluster/member.owner.new
