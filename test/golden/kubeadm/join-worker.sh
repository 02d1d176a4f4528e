#!/usr/bin/env bash
# join alpha-worker-1 to cluster alpha as a worker (kubeadm join; skipped once joined)
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

install_file() {
  local target=$1 mode=$2 pending=${3:-} staged="$1.pulumi-new"
  install -d -m 0755 "${target%/*}"
  cat >"$staged"
  if [[ -f $target ]] && cmp -s "$staged" "$target"; then
    rm -f "$staged"
    file_changed=0
    return 0
  fi
  chmod "$mode" "$staged"
  if [[ -n $pending ]]; then : >"$pending"; fi
  mv -f "$staged" "$target"
  file_changed=1
}
# shellcheck disable=SC2034 # set for the callers that restart a service after a change
file_changed=0
reset_node() {
  timeout --kill-after=30s 600 kubeadm reset --force
  rm -rf /etc/cni/net.d /etc/kubernetes/pki-kept.pulumi
}
if [[ -f /etc/kubernetes/kubeadm-join.started ]]; then
  echo 'kubeadm join on alpha-worker-1 was interrupted: resetting the node to run it again'
  reset_node
  rm -f /etc/kubernetes/kubeadm-join.started
fi
if [[ -f /etc/kubernetes/kubelet.conf ]]; then
  echo 'alpha-worker-1 already joined cluster alpha: kubeadm join skipped'
  exit 0
fi
if [[ -f /var/lib/kubelet/config.yaml ]]; then
  echo 'alpha-worker-1 holds the state of a kubeadm join this project did not start: run kubeadm reset -f on it, then pulumi up again' >&2
  exit 1
fi
config=/etc/kubernetes/kubeadm-join.yaml
umask 077
install_file /etc/kubernetes/kubeadm-join.yaml 0600
if [[ ! -s /etc/kubernetes/kubeadm-join.yaml ]]; then
  echo 'the kubeadm join configuration was not received on stdin' >&2
  exit 1
fi
kubeadm config validate --config "$config"
: >/etc/kubernetes/kubeadm-join.started
timeout --kill-after=30s 900 kubeadm join --config "$config"
rm -f /etc/kubernetes/kubeadm-join.started
echo 'alpha-worker-1 joined cluster alpha'
