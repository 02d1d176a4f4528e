#!/usr/bin/env bash
# join beta-cp-2 to cluster beta as a control plane (kubeadm join; skipped once joined)
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

install_file() {
  local target=$1 mode=$2 staged
  staged=$(mktemp)
  cat >"$staged"
  if [[ -f $target ]] && cmp -s "$staged" "$target"; then
    rm -f "$staged"
    file_changed=0
    return 0
  fi
  install -D -m "$mode" "$staged" "$target"
  rm -f "$staged"
  file_changed=1
}
# shellcheck disable=SC2034 # set for the callers that restart a service after a change
file_changed=0
if [[ -f /etc/kubernetes/kubelet.conf ]]; then
  echo 'beta-cp-2 already joined cluster beta: kubeadm join skipped'
  exit 0
fi
if [[ -f /var/lib/kubelet/config.yaml ]]; then
  echo 'beta-cp-2 holds the state of an unfinished kubeadm join: run kubeadm reset -f on it, then pulumi up again' >&2
  exit 1
fi
for file in ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key; do
  if [[ ! -f /etc/kubernetes/pki/$file ]]; then
    echo "/etc/kubernetes/pki/$file is missing: the place-pki step must run first" >&2
    exit 1
  fi
done
config=/etc/kubernetes/kubeadm-join.yaml
umask 077
install_file /etc/kubernetes/kubeadm-join.yaml 0600
if [[ ! -s /etc/kubernetes/kubeadm-join.yaml ]]; then
  echo 'the kubeadm join configuration was not received on stdin' >&2
  exit 1
fi
kubeadm config validate --config "$config"
timeout --kill-after=30s 900 kubeadm join --config "$config"
echo 'beta-cp-2 joined cluster beta'
