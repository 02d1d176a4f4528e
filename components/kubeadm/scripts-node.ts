// Scripts that prepare a VM for kubeadm (and release it again): OS check, kernel, containerd, pinned packages, tools.
import { scriptPreamble, sh } from "../shared/shell";
import { kubernetesMinor } from "../versions";
import { ContainerdSource, NodePreflightCheck, ResolvedKubeadmCluster, ResolvedNode } from "./types";
import { kernelSettings, missingTools } from "./node-kernel";
import { claimHost, leaveUnlessOwner, ownerIdentity, refuseOtherCluster, releaseClaim } from "./ownership";
import { INSTALL_FILE_FUNCTION } from "./script-kit";

/** Operating systems the prepare script supports, as `$ID-$VERSION_ID` from /etc/os-release. */
export const SUPPORTED_OS = ["ubuntu-22.04", "ubuntu-24.04", "debian-12"] as const;

/** Packages held at their pinned versions. */
function heldPackages(containerd: ContainerdSource): string[] {
    return ["kubelet", "kubeadm", "kubectl", containerd.kind === "docker" ? "containerd.io" : "containerd"];
}

/** Fails clearly on an OS the script does not know, or without cgroup v2. */
function osCheck(): string {
    return [
        "# shellcheck source=/dev/null",
        ". /etc/os-release",
        'case "${ID:-}-${VERSION_ID:-}" in',
        `  ${SUPPORTED_OS.join(" | ")}) ;;`,
        "  *)",
        '    echo "unsupported OS ${PRETTY_NAME:-unknown}: KubeadmCluster prepares Ubuntu 22.04, Ubuntu 24.04 and Debian 12 only" >&2',
        "    exit 1",
        "    ;;",
        "esac",
        "if [[ ! -f /sys/fs/cgroup/cgroup.controllers ]]; then",
        '  echo "this node does not run cgroup v2, which Kubernetes 1.35 and later require" >&2',
        "  exit 1",
        "fi",
    ].join("\n");
}

/** apt sources: pkgs.k8s.io for the pinned minor, Docker's repository when containerd.io comes from there. */
function repositories(cluster: ResolvedKubeadmCluster): string {
    const minor = `v${kubernetesMinor(cluster.kubernetesVersion)}`;
    const k8sRepo = `https://pkgs.k8s.io/core:/stable:/${minor}/deb/`;
    const lines = [
        "apt_options=(-q -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)",
        "export DEBIAN_FRONTEND=noninteractive",
        "apt_update_needed=0",
        "add_repository() {",
        "  local name=$1 key_url=$2 line=$3",
        '  local keyring="/etc/apt/keyrings/$name.gpg"',
        '  install_file "/etc/apt/sources.list.d/$name.list" 0644 <<<"$line"',
        "  if ((file_changed)) || [[ ! -s $keyring ]]; then",
        '    curl -fsSL --retry 5 "$key_url" | gpg --dearmor --yes -o "$keyring.pulumi-new"',
        '    chmod 0644 "$keyring.pulumi-new"',
        '    mv -f "$keyring.pulumi-new" "$keyring"',
        "    apt_update_needed=1",
        "  fi",
        "}",
        "if ! command -v curl >/dev/null 2>&1 || ! command -v gpg >/dev/null 2>&1; then",
        '  apt-get "${apt_options[@]}" update',
        '  apt-get "${apt_options[@]}" install -y ca-certificates curl gpg',
        "fi",
        "install -d -m 0755 /etc/apt/keyrings",
        `add_repository kubernetes ${sh(`${k8sRepo}Release.key`)} ${sh(`deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] ${k8sRepo} /`)}`,
    ];
    if (cluster.containerd.kind === "docker") {
        lines.push(
            "arch=$(dpkg --print-architecture)",
            'add_repository docker "https://download.docker.com/linux/$ID/gpg" \\',
            '  "deb [arch=$arch signed-by=/etc/apt/keyrings/docker.gpg] https://download.docker.com/linux/$ID ${VERSION_CODENAME:?} stable"',
        );
    }
    return lines.join("\n");
}

/** apt version pattern of the containerd package. */
function containerdPattern(containerd: ContainerdSource): string {
    if (containerd.kind === "distribution") {
        return "*";
    }
    return containerd.line.split(".").length === 2 ? `${containerd.line}.*` : `${containerd.line}-*`;
}

/**
 * Installs missing or differently versioned packages (never on a node that already joined) and holds them, plus the
 * system tools kubeadm's preflight requires where they are missing.
 */
function packages(cluster: ResolvedKubeadmCluster): string {
    const k8s = `${cluster.kubernetesVersion}-*`;
    const containerd = containerdPattern(cluster.containerd);
    const containerdName = heldPackages(cluster.containerd)[3];
    const containerdSpec = cluster.containerd.kind === "docker" ? `${containerdName}=${containerd}` : containerdName;
    return [
        "packages=()",
        "want_package() {",
        "  local have",
        "  # shellcheck disable=SC2016 # ${Version} is dpkg-query's field, not a shell variable",
        `  have=$(dpkg-query -W -f='\${Version}' "$1" 2>/dev/null || true)`,
        "  # shellcheck disable=SC2053 # the pinned version is a glob on purpose",
        '  if [[ -z $have || $have != $2 ]]; then packages+=("$3"); fi',
        "}",
        ...["kubelet", "kubeadm", "kubectl"].map((name) => `want_package ${name} ${sh(k8s)} ${sh(`${name}=${k8s}`)}`),
        `want_package ${containerdName} ${sh(containerd)} ${sh(containerdSpec)}`,
        missingTools(),
        "if [[ -f /etc/kubernetes/kubelet.conf ]]; then",
        "  # A joined node's kubelet, kubeadm and kubectl change only in its upgrade step, which drains the node first.",
        "  kept=() deferred=()",
        '  for spec in "${packages[@]}"; do',
        '    case ${spec%%=*} in kubelet | kubeadm | kubectl) deferred+=("$spec") ;; *) kept+=("$spec") ;; esac',
        "  done",
        '  packages=("${kept[@]}")',
        '  if ((${#deferred[@]})); then echo "this node already joined: ${deferred[*]} left to its upgrade step"; fi',
        "  if ((${#packages[@]})); then",
        '    echo "this node already belongs to a cluster and would need other packages (${packages[*]}); KubeadmCluster does not change containerd on a joined node" >&2',
        "    exit 1",
        "  fi",
        "fi",
        "if ((${#packages[@]})); then apt_update_needed=1; fi",
        "if ((${#tools[@]})); then apt_update_needed=1; fi",
        'if ((apt_update_needed)); then apt-get "${apt_options[@]}" update; fi',
        "if ((${#packages[@]} + ${#tools[@]})); then",
        "  # An install killed half-way leaves dpkg interrupted; finish that first so the install can run again.",
        "  dpkg --configure -a",
        '  apt-get "${apt_options[@]}" install -y --allow-downgrades --allow-change-held-packages -o Dpkg::Options::=--force-confold "${packages[@]}" "${tools[@]}"',
        "fi",
        `apt-mark hold ${heldPackages(cluster.containerd).join(" ")} >/dev/null`,
    ].join("\n");
}

/** containerd with the systemd cgroup driver, crictl pointed at it, services enabled. */
function containerRuntime(cluster: ResolvedKubeadmCluster): string {
    const minor = Number(kubernetesMinor(cluster.kubernetesVersion).split(".")[1]);
    const versionCheck =
        minor < 36
            ? []
            : [
                  "containerd_version=$(containerd --version | awk '{print $3}')",
                  "case ${containerd_version#v} in",
                  "  0.* | 1.*)",
                  `    echo "containerd $containerd_version is installed, but Kubernetes 1.${minor} needs containerd 2.0 or later" >&2`,
                  "    exit 1",
                  "    ;;",
                  "esac",
              ];
    return [
        ...versionCheck,
        "containerd_config=$(containerd config default | sed -E 's/^([[:space:]]*SystemdCgroup[[:space:]]*=[[:space:]]*)false/\\1true/')",
        "if ! grep -Eq '^[[:space:]]*SystemdCgroup[[:space:]]*=[[:space:]]*true' <<<\"$containerd_config\"; then",
        '  echo "containerd\'s default config has no SystemdCgroup option to enable" >&2',
        "  exit 1",
        "fi",
        "# A change is marked before the file changes, so a run killed before the restart restarts on the next run.",
        'install_file /etc/containerd/config.toml 0644 /etc/containerd/config.toml.restart-pending <<<"$containerd_config"',
        "install_file /etc/crictl.yaml 0644 <<'EOF'",
        "runtime-endpoint: unix:///run/containerd/containerd.sock",
        "image-endpoint: unix:///run/containerd/containerd.sock",
        "EOF",
        "systemctl enable --now containerd",
        "if [[ -f /etc/containerd/config.toml.restart-pending ]]; then",
        "  systemctl restart containerd",
        "  rm -f /etc/containerd/config.toml.restart-pending",
        "fi",
        "# kubeadm starts the kubelet at init/join; until then it would only crash-loop. A node that already joined",
        "# (a prepare step re-created after its release stopped the kubelet) gets it running again.",
        "if [[ -f /etc/kubernetes/kubelet.conf ]]; then systemctl enable --now kubelet; else systemctl enable kubelet; fi",
    ].join("\n");
}

/**
 * The node preflight checks other areas supply, each in its own subshell (it inherits `set -euo pipefail`, and its
 * `exit` ends only the subshell, whose failure then stops the step); the EXIT trap names the check that refused.
 */
export function nodePreflight(checks: readonly NodePreflightCheck[]): string[] {
    return checks.map((check) =>
        [
            `# node preflight check ${check.name}`,
            "(",
            // The name is validated (letters, digits, '-'), so it needs no quoting inside the trap's double quotes.
            `  trap 'status=$?; if ((status != 0)); then echo "this node failed the node preflight check ${check.name}" >&2; fi' EXIT`,
            check.script.replace(/\n+$/, ""),
            ")",
        ].join("\n"),
    );
}

/**
 * Prepares `node` of `cluster`; safe to re-run (installs, writes and restarts only what differs). It claims the host
 * for the node first, so the release of a renamed node's old step leaves the host alone.
 */
export function renderPrepareNode(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        scriptPreamble(
            `prepare ${node.name} of cluster ${cluster.name} for kubeadm: OS, swap, kernel, containerd, Kubernetes ${cluster.kubernetesVersion} packages`,
        ),
        ...nodePreflight(cluster.nodePreflight),
        osCheck(),
        refuseOtherCluster("prepare", cluster),
        claimHost("prepare", ownerIdentity(cluster, node)),
        INSTALL_FILE_FUNCTION,
        kernelSettings(cluster),
        repositories(cluster),
        packages(cluster),
        containerRuntime(cluster),
        `echo ${sh(`node prepared: Kubernetes ${cluster.kubernetesVersion} packages held, containerd with systemd cgroups`)}\n`,
    ].join("\n\n");
}

/** Delete path of prepare: releases the package holds and stops the kubelet, unless another node now owns the host. */
export function renderReleaseNode(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return [
        scriptPreamble(`release ${node.name} of cluster ${cluster.name}: unhold packages, stop the kubelet`),
        leaveUnlessOwner("prepare", ownerIdentity(cluster, node), "its kubelet and packages are"),
        "if command -v apt-mark >/dev/null 2>&1; then",
        `  apt-mark unhold ${heldPackages(cluster.containerd).join(" ")} >/dev/null 2>&1 || true`,
        "fi",
        "if systemctl is-enabled --quiet kubelet 2>/dev/null; then",
        "  systemctl disable --now kubelet",
        "fi",
        releaseClaim("prepare"),
        'echo "kubelet stopped and packages unheld; containerd and the packages stay installed"',
        "",
    ].join("\n");
}
