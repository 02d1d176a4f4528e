#!/usr/bin/env bash
# upgrade alpha-cp-1 of cluster alpha to Kubernetes 1.36.1 (kubeadm upgrade apply, drain, kubelet, uncordon; skipped once there)
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
node=alpha-cp-1
marker=/etc/kubernetes/kubeadm-upgrade.started
if [[ ! -f /etc/kubernetes/kubelet.conf ]]; then
  echo 'alpha-cp-1 has not joined cluster alpha: nothing to upgrade'
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
kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)
cluster_version() {
  local config
  config=$("${kubectl[@]}" -n kube-system get configmap kubeadm-config -o 'jsonpath={.data.ClusterConfiguration}') ||
    { echo 'cannot read the kubeadm-config ConfigMap of cluster alpha from its API server' >&2; return 1; }
  sed -n -E 's/^kubernetesVersion: *"?(v[0-9.]+)"?[[:space:]]*$/\1/p' <<<"$config"
}
if [[ ! -f $marker ]] && at_target kubeadm && at_target kubelet && at_target kubectl && [[ $(cluster_version) == "v$target" ]]; then
  echo "alpha-cp-1 already runs Kubernetes $target: nothing to upgrade"
  exit 0
fi
current=$(cluster_version)
if [[ -z $current ]]; then
  echo 'the kubeadm-config ConfigMap of cluster alpha names no kubernetesVersion' >&2
  exit 1
fi
IFS=. read -r _ from_minor from_patch <<<"${current#v}"
IFS=. read -r _ to_minor to_patch <<<"$target"
if ((to_minor < from_minor || (to_minor == from_minor && to_patch < from_patch))); then
  echo "kubernetesVersion (versions.kubernetes in a stack) = $target would downgrade cluster alpha from ${current#v}, which KubeadmCluster never does; fix: set it back to ${current#v} or later" >&2
  exit 1
fi
if ((to_minor > from_minor + 1)); then
  echo "kubernetesVersion (versions.kubernetes in a stack) = $target skips from ${current#v}, more than the one minor kubeadm upgrades at a time; fix: set it to 1.$((from_minor + 1)).x first and run pulumi up, then $target" >&2
  exit 1
fi
if [[ ! -f $marker ]]; then
  unschedulable=$("${kubectl[@]}" get node "$node" -o 'jsonpath={.spec.unschedulable}')
  printf '%s\n' "${unschedulable:-false}" >"$marker.pulumi-new"
  mv -f "$marker.pulumi-new" "$marker"
fi
read -r cordoned_before <"$marker"
upgrade_packages kubeadm
# A rerun after apply moved the cluster finishes this node's part (kubelet config) with the idempotent upgrade node.
if [[ $(cluster_version) != "v$target" ]]; then
  timeout --kill-after=30s 900 kubeadm upgrade apply -y "v$target"
else
  timeout --kill-after=30s 900 kubeadm upgrade node
fi
if ! "${kubectl[@]}" drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=300s; then
  echo 'draining alpha-cp-1 did not finish within 300s (a PodDisruptionBudget or a pod without a controller holds it); it stays cordoned: free it, then run pulumi up again' >&2
  exit 1
fi
upgrade_packages kubelet kubectl
systemctl daemon-reload
systemctl restart kubelet
deadline=$((SECONDS + 180))
until [[ $("${kubectl[@]}" get node "$node" -o 'jsonpath={.status.nodeInfo.kubeletVersion}' 2>/dev/null) == "v$target" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 180s waiting for the kubelet of alpha-cp-1 to report v1.36.1' >&2
    exit 1
  fi
  progress 'the kubelet of alpha-cp-1 to report v1.36.1' 'old version'
  sleep 2
done
if [[ $cordoned_before != true ]]; then "${kubectl[@]}" uncordon "$node"; fi
rm -f "$marker"
echo "alpha-cp-1 runs Kubernetes $target"
