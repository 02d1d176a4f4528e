#!/usr/bin/env bash
# join beta-cp-2 to cluster beta as a control plane (kubeadm join; skipped once joined)
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
if [[ -f /etc/kubernetes/kubeadm-join.started ]]; then
  if [[ -f /etc/kubernetes/kubelet.conf && -f /etc/kubernetes/manifests/etcd.yaml ]]; then
    echo 'kubeadm join on beta-cp-2 was interrupted after it completed: kept'
  else
    echo 'kubeadm join on beta-cp-2 was interrupted: resetting the node (its CAs stay) to run it again'
    reset_node
  fi
  rm -f /etc/kubernetes/kubeadm-join.started
fi
owner=""; if [[ -f /etc/kubeadm-cluster/member.owner ]]; then read -r owner </etc/kubeadm-cluster/member.owner || true; fi
if [[ -f /etc/kubernetes/kubelet.conf ]]; then
  if [[ -z $owner || $owner == beta/beta-cp-2 ]]; then
    install -D -m 0644 /dev/stdin /etc/kubeadm-cluster/member.owner.new <<<beta/beta-cp-2
    mv -f /etc/kubeadm-cluster/member.owner.new /etc/kubeadm-cluster/member.owner
    echo 'beta-cp-2 already joined cluster beta: kubeadm join skipped'
    exit 0
  fi
  if [[ $owner != beta/* ]]; then
    echo "this host is $owner of another cluster: remove it from there before it joins beta" >&2
    exit 1
  fi
  echo "this host joined as $owner: resetting it to join as beta-cp-2"
  reset_node
fi
if [[ -f /var/lib/kubelet/config.yaml ]]; then
  echo 'beta-cp-2 holds the state of a kubeadm join this project did not start: run kubeadm reset -f on it, then pulumi up again' >&2
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
install -D -m 0644 /dev/stdin /etc/kubeadm-cluster/member.owner.new <<<beta/beta-cp-2
mv -f /etc/kubeadm-cluster/member.owner.new /etc/kubeadm-cluster/member.owner
: >/etc/kubernetes/kubeadm-join.started
status=0
timeout --kill-after=30s 900 kubeadm join --config "$config" || status=$?
if ((status != 0)); then
  echo 'kubeadm join of beta-cp-2 failed; if it found no JWS signature for the token, the join token expired (it lives 24h after the beta-token step last ran): run pulumi up --replace on beta-token, then pulumi up' >&2
  exit "$status"
fi
rm -f /etc/kubernetes/kubeadm-join.started
echo 'beta-cp-2 joined cluster beta'
