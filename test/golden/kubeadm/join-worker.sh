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
  if [[ -f /etc/kubernetes/kubelet.conf ]]; then
    echo 'kubeadm join on alpha-worker-1 was interrupted after it completed: kept'
  else
    echo 'kubeadm join on alpha-worker-1 was interrupted: resetting the node to run it again'
    reset_node
  fi
  rm -f /etc/kubernetes/kubeadm-join.started
fi
owner=""; if [[ -f /etc/kubeadm-cluster/member.owner ]]; then read -r owner </etc/kubeadm-cluster/member.owner || true; fi
if [[ -f /etc/kubernetes/kubelet.conf ]]; then
  if [[ -z $owner || $owner == alpha/alpha-worker-1 ]]; then
    install -D -m 0644 /dev/stdin /etc/kubeadm-cluster/member.owner.new <<<alpha/alpha-worker-1
    mv -f /etc/kubeadm-cluster/member.owner.new /etc/kubeadm-cluster/member.owner
    echo 'alpha-worker-1 already joined cluster alpha: kubeadm join skipped'
    exit 0
  fi
  if [[ $owner != alpha/* ]]; then
    echo "this host is $owner of another cluster: remove it from there before it joins alpha" >&2
    exit 1
  fi
  echo "this host joined as $owner: resetting it to join as alpha-worker-1"
  reset_node
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
install -D -m 0644 /dev/stdin /etc/kubeadm-cluster/member.owner.new <<<alpha/alpha-worker-1
mv -f /etc/kubeadm-cluster/member.owner.new /etc/kubeadm-cluster/member.owner
: >/etc/kubernetes/kubeadm-join.started
status=0
timeout --kill-after=30s 900 kubeadm join --config "$config" || status=$?
if ((status != 0)); then
  echo 'kubeadm join of alpha-worker-1 failed; if it found no JWS signature for the token, the join token expired (it lives 24h after the alpha-token step last ran): run pulumi up --replace on alpha-token, then pulumi up' >&2
  exit "$status"
fi
rm -f /etc/kubernetes/kubeadm-join.started
echo 'alpha-worker-1 joined cluster alpha'
