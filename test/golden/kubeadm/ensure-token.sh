#!/usr/bin/env bash
# renew the bootstrap token of cluster alpha for the nodes that join it
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
joining=(alpha-worker-1 alpha-w2)
config=/etc/kubernetes/kubeadm-token.yaml
umask 077
install_file /etc/kubernetes/kubeadm-token.yaml 0600
if [[ ! -s /etc/kubernetes/kubeadm-token.yaml ]]; then
  echo 'the bootstrap token configuration was not received on stdin' >&2
  exit 1
fi
# kubeadm creates the token, or renews its expiry when it exists; it prints the token, hence /dev/null.
kubeadm token create --config "$config" >/dev/null
echo "bootstrap token valid for 24h for ${#joining[@]} node(s): ${joining[*]}"
