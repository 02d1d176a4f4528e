#!/usr/bin/env bash
# reset alpha-worker-1 of cluster alpha: kubeadm reset, CNI leftovers and kubeadm configs removed
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

owner=""; if [[ -f /etc/kubeadm-cluster/member.owner ]]; then read -r owner </etc/kubeadm-cluster/member.owner || true; fi
if [[ -n $owner && $owner != alpha/alpha-worker-1 ]]; then
  echo "this host is now $owner, no longer alpha/alpha-worker-1: its cluster membership is left alone"
  exit 0
fi
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
