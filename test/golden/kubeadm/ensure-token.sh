#!/usr/bin/env bash
# make sure the bootstrap token of cluster alpha is valid for the nodes that join it
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
kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)
joining=(alpha-worker-1@10.0.0.21/10.0.0.21 alpha-w2@worker-2.lab.internal/10.0.0.22)
config=/etc/kubernetes/kubeadm-token.yaml
umask 077
install_file /etc/kubernetes/kubeadm-token.yaml 0600
if [[ ! -s /etc/kubernetes/kubeadm-token.yaml ]]; then
  echo 'the bootstrap token configuration was not received on stdin' >&2
  exit 1
fi
# The token ID is public (the Secret's name); the secret half never leaves the config file.
id=$(sed -n -E 's/^[[:space:]-]*token:[[:space:]]*"?([a-z0-9]{6})\.[a-z0-9]{16}"?[[:space:]]*$/\1/p' "$config")
if [[ -z $id ]]; then echo "the bootstrap token configuration holds no token of the form [a-z0-9]{6}.[a-z0-9]{16}" >&2; exit 1; fi
if ! found=$("${kubectl[@]}" -n kube-system get secret "bootstrap-token-$id" --ignore-not-found -o 'jsonpath={.metadata.name} {.data.expiration}'); then
  echo 'cannot read the bootstrap tokens of cluster alpha from its API server' >&2
  exit 1
fi
action=create
if [[ -n $found ]]; then
  expires=$(base64 -d <<<"${found#* }")
  if [[ -z $expires ]] || (( $(date -u -d "$expires" +%s) - $(date -u +%s) > 3600 )); then action=keep; else action=renew; fi
fi
if [[ $action == renew ]]; then kubeadm token delete "$id" >/dev/null; fi
# kubeadm prints the token it created, hence /dev/null.
if [[ $action != keep ]]; then kubeadm token create --config "$config" >/dev/null; fi
case $action in
  keep) echo "bootstrap token $id still valid for over an hour: kept for ${#joining[@]} node(s): ${joining[*]}" ;;
  *) echo "bootstrap token $id valid for 24h (${action}d) for ${#joining[@]} node(s): ${joining[*]}" ;;
esac
