#!/usr/bin/env bash
# prepare alpha-worker-1 of cluster alpha for kubeadm: OS, swap, kernel, containerd, Kubernetes 1.36.1 packages
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin


# shellcheck source=/dev/null
. /etc/os-release
case "${ID:-}-${VERSION_ID:-}" in
  ubuntu-22.04 | ubuntu-24.04 | debian-12) ;;
  *)
    echo "unsupported OS ${PRETTY_NAME:-unknown}: KubeadmCluster prepares Ubuntu 22.04, Ubuntu 24.04 and Debian 12 only" >&2
    exit 1
    ;;
esac
if [[ ! -f /sys/fs/cgroup/cgroup.controllers ]]; then
  echo "this node does not run cgroup v2, which Kubernetes 1.35 and later require" >&2
  exit 1
fi

owner=""; if [[ -f /etc/kubeadm-cluster/prepare.owner ]]; then read -r owner </etc/kubeadm-cluster/prepare.owner || true; fi
if [[ -n $owner && $owner != alpha/* ]]; then
  echo "this host is $owner of another cluster: remove it from that cluster (pulumi up there) before it joins alpha" >&2
  exit 1
fi

install -D -m 0644 /dev/stdin /etc/kubeadm-cluster/prepare.owner.new <<<alpha/alpha-worker-1
mv -f /etc/kubeadm-cluster/prepare.owner.new /etc/kubeadm-cluster/prepare.owner

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

# The kubelet refuses to start with swap on (failSwapOn).
swapoff -a
if grep -Eq '^([^#[:space:]][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap([[:space:]].*)?)$' /etc/fstab; then
  sed -i -E 's/^([^#[:space:]][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap([[:space:]].*)?)$/# \1/' /etc/fstab
fi
install_file /etc/modules-load.d/kubernetes.conf 0644 <<'EOF'
overlay
br_netfilter
EOF
modprobe overlay
modprobe br_netfilter
install_file /etc/sysctl.d/99-kubernetes.conf 0644 <<'EOF'
fs.inotify.max_user_instances = 8192
fs.inotify.max_user_watches = 1048576
net.bridge.bridge-nf-call-ip6tables = 1
net.bridge.bridge-nf-call-iptables = 1
net.ipv4.ip_forward = 1
EOF
sysctl --system >/dev/null
# A later file (e.g. /etc/sysctl.conf) can override ours; kubeadm's preflight would then stop init or join.
read -r value </proc/sys/net/ipv4/ip_forward
if [[ $value != 1 ]]; then echo "net.ipv4.ip_forward is still $value after sysctl --system: another sysctl file overrides /etc/sysctl.d/99-kubernetes.conf; remove that setting" >&2; exit 1; fi

apt_options=(-q -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
export DEBIAN_FRONTEND=noninteractive
apt_update_needed=0
add_repository() {
  local name=$1 key_url=$2 line=$3
  local keyring="/etc/apt/keyrings/$name.gpg"
  install_file "/etc/apt/sources.list.d/$name.list" 0644 <<<"$line"
  if ((file_changed)) || [[ ! -s $keyring ]]; then
    curl -fsSL --retry 5 "$key_url" | gpg --dearmor --yes -o "$keyring.pulumi-new"
    chmod 0644 "$keyring.pulumi-new"
    mv -f "$keyring.pulumi-new" "$keyring"
    apt_update_needed=1
  fi
}
if ! command -v curl >/dev/null 2>&1 || ! command -v gpg >/dev/null 2>&1; then
  apt-get "${apt_options[@]}" update
  apt-get "${apt_options[@]}" install -y ca-certificates curl gpg
fi
install -d -m 0755 /etc/apt/keyrings
add_repository kubernetes https://pkgs.k8s.io/core:/stable:/v1.36/deb/Release.key 'deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v1.36/deb/ /'
arch=$(dpkg --print-architecture)
add_repository docker "https://download.docker.com/linux/$ID/gpg" \
  "deb [arch=$arch signed-by=/etc/apt/keyrings/docker.gpg] https://download.docker.com/linux/$ID ${VERSION_CODENAME:?} stable"

packages=()
want_package() {
  local have
  # shellcheck disable=SC2016 # ${Version} is dpkg-query's field, not a shell variable
  have=$(dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true)
  # shellcheck disable=SC2053 # the pinned version is a glob on purpose
  if [[ -z $have || $have != $2 ]]; then packages+=("$3"); fi
}
want_package kubelet '1.36.1-*' 'kubelet=1.36.1-*'
want_package kubeadm '1.36.1-*' 'kubeadm=1.36.1-*'
want_package kubectl '1.36.1-*' 'kubectl=1.36.1-*'
want_package containerd.io '2.2.*' 'containerd.io=2.2.*'
tools=()
for pair in ip:iproute2 iptables:iptables mount:mount nsenter:util-linux; do
  if ! command -v "${pair%%:*}" >/dev/null 2>&1; then tools+=("${pair#*:}"); fi
done
if [[ -f /etc/kubernetes/kubelet.conf ]]; then
  # A joined node's kubelet, kubeadm and kubectl change only in its upgrade step, which drains the node first.
  kept=() deferred=()
  for spec in "${packages[@]}"; do
    case ${spec%%=*} in kubelet | kubeadm | kubectl) deferred+=("$spec") ;; *) kept+=("$spec") ;; esac
  done
  packages=("${kept[@]}")
  if ((${#deferred[@]})); then echo "this node already joined: ${deferred[*]} left to its upgrade step"; fi
  if ((${#packages[@]})); then
    echo "this node already belongs to a cluster and would need other packages (${packages[*]}); KubeadmCluster does not change containerd on a joined node" >&2
    exit 1
  fi
fi
if ((${#packages[@]})); then apt_update_needed=1; fi
if ((${#tools[@]})); then apt_update_needed=1; fi
if ((apt_update_needed)); then apt-get "${apt_options[@]}" update; fi
if ((${#packages[@]} + ${#tools[@]})); then
  # An install killed half-way leaves dpkg interrupted; finish that first so the install can run again.
  dpkg --configure -a
  apt-get "${apt_options[@]}" install -y --allow-downgrades --allow-change-held-packages -o Dpkg::Options::=--force-confold "${packages[@]}" "${tools[@]}"
fi
apt-mark hold kubelet kubeadm kubectl containerd.io >/dev/null

containerd_version=$(containerd --version | awk '{print $3}')
case ${containerd_version#v} in
  0.* | 1.*)
    echo "containerd $containerd_version is installed, but Kubernetes 1.36 needs containerd 2.0 or later" >&2
    exit 1
    ;;
esac
containerd_config=$(containerd config default | sed -E 's/^([[:space:]]*SystemdCgroup[[:space:]]*=[[:space:]]*)false/\1true/')
if ! grep -Eq '^[[:space:]]*SystemdCgroup[[:space:]]*=[[:space:]]*true' <<<"$containerd_config"; then
  echo "containerd's default config has no SystemdCgroup option to enable" >&2
  exit 1
fi
# A change is marked before the file changes, so a run killed before the restart restarts on the next run.
install_file /etc/containerd/config.toml 0644 /etc/containerd/config.toml.restart-pending <<<"$containerd_config"
install_file /etc/crictl.yaml 0644 <<'EOF'
runtime-endpoint: unix:///run/containerd/containerd.sock
image-endpoint: unix:///run/containerd/containerd.sock
EOF
systemctl enable --now containerd
if [[ -f /etc/containerd/config.toml.restart-pending ]]; then
  systemctl restart containerd
  rm -f /etc/containerd/config.toml.restart-pending
fi
# kubeadm starts the kubelet at init/join; until then it would only crash-loop. A node that already joined
# (a prepare step re-created after its release stopped the kubelet) gets it running again.
if [[ -f /etc/kubernetes/kubelet.conf ]]; then systemctl enable --now kubelet; else systemctl enable kubelet; fi

echo 'node prepared: Kubernetes 1.36.1 packages held, containerd with systemd cgroups'
