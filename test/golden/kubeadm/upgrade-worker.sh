#!/usr/bin/env bash
# upgrade alpha-worker-1 of cluster alpha to Kubernetes 1.36.1 (kubeadm upgrade node, drain, kubelet, uncordon; skipped once there)
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

target=1.36.1
node=alpha-worker-1
marker=/etc/kubernetes/kubeadm-upgrade.started
rm -f /etc/kubernetes/upgrade-admin.conf.pulumi
if [[ ! -f /etc/kubernetes/kubelet.conf ]]; then
  echo 'alpha-worker-1 has not joined cluster alpha: nothing to upgrade'
  exit 0
fi
apt_options=(-q -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2016 # ${Version} is dpkg-query's field, not a shell variable
installed() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }
at_target() { [[ $(installed "$1") == "$target"-* ]]; }
upgrade_packages() {
  local wanted=() name
  for name in "$@"; do if ! at_target "$name"; then wanted+=("$name=$target-*"); fi; done
  if ((${#wanted[@]})); then
    apt-get "${apt_options[@]}" update
    # An install killed half-way leaves dpkg interrupted; finish that first so the install can run again.
    dpkg --configure -a
    apt-get "${apt_options[@]}" install -y --allow-downgrades --allow-change-held-packages -o Dpkg::Options::=--force-confold "${wanted[@]}"
  fi
  apt-mark hold "$@" >/dev/null
}
if [[ ! -f $marker ]] && at_target kubeadm && at_target kubelet && at_target kubectl; then
  echo "alpha-worker-1 already runs Kubernetes $target: nothing to upgrade"
  exit 0
fi
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
trap 'rm -f /etc/kubernetes/upgrade-admin.conf.pulumi' EXIT
umask 077
install_file /etc/kubernetes/upgrade-admin.conf.pulumi 0600
if [[ ! -s /etc/kubernetes/upgrade-admin.conf.pulumi ]]; then
  echo 'the admin kubeconfig the drain uses was not received on stdin' >&2
  exit 1
fi
kubectl=(kubectl --kubeconfig=/etc/kubernetes/upgrade-admin.conf.pulumi --request-timeout=20s)
cluster_version() {
  local config
  config=$("${kubectl[@]}" -n kube-system get configmap kubeadm-config -o 'jsonpath={.data.ClusterConfiguration}') ||
    { echo 'cannot read the kubeadm-config ConfigMap of cluster alpha from its API server' >&2; return 1; }
  sed -n -E 's/^kubernetesVersion: *"?(v[0-9.]+)"?[[:space:]]*$/\1/p' <<<"$config"
}
current=$(cluster_version)
if [[ -z $current ]]; then
  echo 'the kubeadm-config ConfigMap of cluster alpha names no kubernetesVersion' >&2
  exit 1
fi
if [[ $current != "v$target" ]]; then
  echo "the control plane of cluster alpha runs $current, not v$target: the first control plane's upgrade step (kubeadm upgrade apply) must finish first, since a kubelet is never newer than its API server; run pulumi up again" >&2
  exit 1
fi
if [[ ! -f $marker ]]; then
  unschedulable=$("${kubectl[@]}" get node "$node" -o 'jsonpath={.spec.unschedulable}')
  printf '%s\n' "${unschedulable:-false}" >"$marker.pulumi-new"
  mv -f "$marker.pulumi-new" "$marker"
fi
read -r cordoned_before <"$marker"
upgrade_packages kubeadm
timeout --kill-after=30s 900 kubeadm upgrade node
if ! "${kubectl[@]}" drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=300s; then
  echo 'draining alpha-worker-1 did not finish within 300s (a PodDisruptionBudget or a pod without a controller holds it); it stays cordoned: free it, then run pulumi up again' >&2
  exit 1
fi
upgrade_packages kubelet kubectl
systemctl daemon-reload
systemctl restart kubelet
deadline=$((SECONDS + 180))
until [[ $("${kubectl[@]}" get node "$node" -o 'jsonpath={.status.nodeInfo.kubeletVersion}' 2>/dev/null) == "v$target" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 180s waiting for the kubelet of alpha-worker-1 to report v1.36.1' >&2
    exit 1
  fi
  progress 'the kubelet of alpha-worker-1 to report v1.36.1' 'old version'
  sleep 2
done
if [[ $cordoned_before != true ]]; then "${kubectl[@]}" uncordon "$node"; fi
rm -f "$marker"
echo "alpha-worker-1 runs Kubernetes $target"
