#!/usr/bin/env bash
# initialise cluster alpha on its first control plane (kubeadm init; skipped once initialised)
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
progress_every=${WAIT_PROGRESS_SECONDS:-20}; [[ $progress_every =~ ^[0-9]+$ ]] || progress_every=20
progress_what='' progress_since=0 progress_at=0
progress() {
  local state=${2-}
  state=${state//[[:cntrl:]]/ }
  if [[ $1 != "$progress_what" ]]; then progress_what=$1 progress_since=$SECONDS progress_at=$SECONDS; fi
  (( SECONDS - progress_at >= progress_every )) || return 0
  progress_at=$SECONDS
  printf '%s: %s, %d s\n' "$1" "${state:0:160}" "$((SECONDS - progress_since))" >&2
}
timed_out_slice() { [[ $1 == *"timed out waiting"* || $1 == *"context deadline exceeded"* ]]; }
in_slices() {
  local what=$1 end=$((SECONDS + ${2%s})) slice out status line state
  shift 2
  progress_what=''; progress "$what" waiting
  while :; do
    slice=$((end - SECONDS)); (( slice <= progress_every )) || slice=$progress_every; (( slice >= 1 )) || slice=1
    status=0; out="$("$@" --timeout="${slice}s" 2>&1)" || status=$?
    if (( status == 0 )); then [[ -z $out ]] || printf '%s\n' "$out"; return 0; fi
    if ! timed_out_slice "$out" || (( SECONDS >= end )); then printf '%s\n' "$out" >&2; return "$status"; fi
    state=waiting
    while IFS= read -r line; do [[ -z $line ]] || timed_out_slice "$line" || state=$line; done <<<"$out"
    progress "$what" "$state"
  done
}

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
if [[ -f /etc/kubernetes/kubeadm-init.started ]]; then
  echo 'kubeadm init on alpha-cp-1 was interrupted: resetting the node (its CAs stay) to run it again'
  reset_node
  rm -f /etc/kubernetes/kubeadm-init.started
fi
owner=""; if [[ -f /etc/kubeadm-cluster/member.owner ]]; then read -r owner </etc/kubeadm-cluster/member.owner || true; fi
if [[ -n $owner && $owner != alpha/alpha-cp-1 ]]; then
  echo "this host is $owner, so it cannot initialise cluster alpha as alpha-cp-1: remove it from there (or run kubeadm reset -f on it), then pulumi up again" >&2
  exit 1
fi
if [[ -f /etc/kubernetes/admin.conf ]]; then
  deadline=$((SECONDS + 120))
  until "${kubectl[@]}" get --raw=/readyz >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      echo 'timed out after 120s waiting for the API server of this already initialised control plane (if it never answers, run kubeadm reset -f here and pulumi up again)' >&2
      exit 1
    fi
    progress 'the API server of this already initialised control plane (if it never answers, run kubeadm reset -f here and pulumi up again)' '/readyz of cluster alpha does not answer yet'
    sleep 2
  done
  install -D -m 0644 /dev/stdin /etc/kubeadm-cluster/member.owner.new <<<alpha/alpha-cp-1
  mv -f /etc/kubeadm-cluster/member.owner.new /etc/kubeadm-cluster/member.owner
  echo 'cluster alpha is already initialised: kubeadm init skipped'
  exit 0
fi
if [[ -f /var/lib/kubelet/config.yaml ]] || compgen -G '/etc/kubernetes/manifests/*.yaml' >/dev/null; then
  echo 'this node holds the state of a kubeadm init this project did not start: run kubeadm reset -f on it, then pulumi up again' >&2
  exit 1
fi
for file in ca.crt ca.key front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key sa.pub sa.key; do
  if [[ ! -f /etc/kubernetes/pki/$file ]]; then
    echo "/etc/kubernetes/pki/$file is missing: the place-pki step must run first" >&2
    exit 1
  fi
done
config=/etc/kubernetes/kubeadm-init.yaml
umask 077
install_file /etc/kubernetes/kubeadm-init.yaml 0600
if [[ ! -s /etc/kubernetes/kubeadm-init.yaml ]]; then
  echo 'the kubeadm init configuration was not received on stdin' >&2
  exit 1
fi
kubeadm config validate --config "$config"
install -D -m 0644 /dev/stdin /etc/kubeadm-cluster/member.owner.new <<<alpha/alpha-cp-1
mv -f /etc/kubeadm-cluster/member.owner.new /etc/kubeadm-cluster/member.owner
: >/etc/kubernetes/kubeadm-init.started
timeout --kill-after=30s 900 kubeadm init --config "$config" --skip-token-print
rm -f /etc/kubernetes/kubeadm-init.started
echo 'cluster alpha initialised'
