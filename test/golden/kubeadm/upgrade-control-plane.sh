#!/usr/bin/env bash
# upgrade beta-cp-2 of cluster beta to Kubernetes 1.36.1 (kubeadm upgrade node, drain, kubelet, uncordon; skipped once there)
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
node=beta-cp-2
marker=/etc/kubernetes/kubeadm-upgrade.started
if [[ ! -f /etc/kubernetes/kubelet.conf ]]; then
  echo 'beta-cp-2 has not joined cluster beta: nothing to upgrade'
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
  echo "beta-cp-2 already runs Kubernetes $target: nothing to upgrade"
  exit 0
fi
kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)
cluster_version() {
  local config
  config=$("${kubectl[@]}" -n kube-system get configmap kubeadm-config -o 'jsonpath={.data.ClusterConfiguration}') ||
    { echo 'cannot read the kubeadm-config ConfigMap of cluster beta from its API server' >&2; return 1; }
  sed -n -E 's/^kubernetesVersion: *"?(v[0-9.]+)"?[[:space:]]*$/\1/p' <<<"$config"
}
current=$(cluster_version)
if [[ -z $current ]]; then
  echo 'the kubeadm-config ConfigMap of cluster beta names no kubernetesVersion' >&2
  exit 1
fi
if [[ $current != "v$target" ]]; then
  echo "the control plane of cluster beta runs $current, not v$target: the first control plane's upgrade step (kubeadm upgrade apply) must finish first, since a kubelet is never newer than its API server; run pulumi up again" >&2
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
  echo 'draining beta-cp-2 did not finish within 300s (a PodDisruptionBudget or a pod without a controller holds it); it stays cordoned: free it, then run pulumi up again' >&2
  exit 1
fi
upgrade_packages kubelet kubectl
systemctl daemon-reload
systemctl restart kubelet
deadline=$((SECONDS + 180))
until [[ $("${kubectl[@]}" get node "$node" -o 'jsonpath={.status.nodeInfo.kubeletVersion}' 2>/dev/null) == "v$target" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 180s waiting for the kubelet of beta-cp-2 to report v1.36.1' >&2
    exit 1
  fi
  progress 'the kubelet of beta-cp-2 to report v1.36.1' 'old version'
  sleep 2
done
if [[ $cordoned_before != true ]]; then "${kubectl[@]}" uncordon "$node"; fi
rm -f "$marker"
echo "beta-cp-2 runs Kubernetes $target"
