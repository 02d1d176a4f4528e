// Layer 1, provisioning: one provisioner component per configured cluster (config order), as Clusters.
import { ClusterAccess } from "../../components/shared/cluster-access";
import { KindCluster, KindClusterArgs, kindClusterDefaults, kindClusterIssues } from "../../components/kind";
import {
    KubeadmCluster,
    PlainKubeadmClusterArgs,
    PlainKubeadmNodeArgs,
    kubeadmClusterDefaults,
    kubeadmClusterIssues,
} from "../../components/kubeadm";
import { ValidationIssue, fieldPaths, issue } from "../../components/shared/validation";
import { ClusterConfig, HostConfig, KindClusterConfig, KubeadmClusterConfig, StackConfig, StackSecrets } from "../config/types";
import { areaList } from "../areas";
import { meshProvidesCni } from "../config/capabilities";
import { ProvisionedCluster } from "./layer";

/** How one provisioner turns a cluster's config entry into a Cluster (its component is named after the cluster). */
type Provisioner<C extends ClusterConfig> = (cluster: C, config: StackConfig, secrets: StackSecrets) => ClusterAccess;

/**
 * The provisioning layer: a row per provisioner. The config was checked by every provisioner rule when it loaded
 * (provisionIssues), so each component gets its arguments resolved, not to be checked again.
 */
export const provisioners: { readonly [P in ClusterConfig["provisioner"]]: Provisioner<Extract<ClusterConfig, { provisioner: P }>> } = {
    kubeadm: (cluster, config, secrets) =>
        KubeadmCluster.fromResolved(cluster.name, {
            resolved: kubeadmClusterDefaults(cluster.name, kubeadmArgs(cluster, config, secrets)),
            ...(secrets.sshPrivateKey ? { privateKey: secrets.sshPrivateKey } : {}),
            certificateRenewal: cluster.rotation?.certificates,
        }),
    kind: (cluster, config) =>
        KindCluster.fromResolved(cluster.name, { resolved: kindClusterDefaults(cluster.name, kindArgs(cluster, config)) }),
};

/** Provisions every cluster of the stack, in config order (the loaded config is valid: parseStackConfig ran every rule). */
export function provisionClusters(config: StackConfig, secrets: StackSecrets): ProvisionedCluster[] {
    return config.clusters.map((entry) => ({ config: entry, cluster: provision(entry, config, secrets) }));
}

function provision(entry: ClusterConfig, config: StackConfig, secrets: StackSecrets): ClusterAccess {
    switch (entry.provisioner) {
        case "kubeadm":
            return provisioners.kubeadm(entry, config, secrets);
        case "kind":
            return provisioners.kind(entry, config, secrets);
    }
}

/**
 * Every rule KubeadmCluster and KindCluster enforce, run once (when the config loads) on each cluster's component
 * args, reporting at the stack's keys (`clusters[1].controlPlanes[0]...`, `versions.kubernetes`, `ssh.user`).
 */
export function provisionIssues(config: StackConfig): ValidationIssue[] {
    return [...config.clusters.flatMap((entry, index) => componentIssues(entry, index, config)), ...proxylessIssues(config)];
}

/** Clusters that leave out kube-proxy while no CNI of the stack replaces it (they would have no Service proxy at all). */
function proxylessIssues(config: StackConfig): ValidationIssue[] {
    if (config.cni.kind !== "none" || meshProvidesCni(config.mesh)) {
        return [];
    }
    return config.clusters.flatMap((entry, index) =>
        entry.skipKubeProxy
            ? [
                  issue(
                      `clusters[${index}].skipKubeProxy`,
                      true,
                      'leaves the cluster without any Service proxy because cni.kind is "none" (nothing replaces kube-proxy)',
                      "set skipKubeProxy: false, or choose a CNI that replaces kube-proxy (cni.kind: cilium with kubeProxyReplacement: true)",
                  ),
              ]
            : [],
    );
}

/** One cluster's provisioner rules, each component field reported at the stack key it comes from. */
function componentIssues(entry: ClusterConfig, index: number, config: StackConfig): ValidationIssue[] {
    const at = `clusters[${index}]`;
    const own = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, `${at}.${key}`]));
    if (entry.provisioner === "kind") {
        return kindClusterIssues(
            entry.name,
            kindArgs(entry, config),
            fieldPaths({
                ...own(["name", "podCidr", "serviceCidr", "podCidrV6", "serviceCidrV6", "workers"]),
                nodeImage: "versions.kindNodeImage",
                networkAddresses: `${at}.loadBalancerPools`,
            }),
        );
    }
    // The rules see the endpoint only as written: a defaulted one is the component's default, not a choice to check.
    const { controlPlaneEndpoint, ...args } = kubeadmArgs(entry, config, { byKey: {} });
    return kubeadmClusterIssues(
        entry.name,
        entry.controlPlaneEndpointDefaulted ? args : { ...args, controlPlaneEndpoint },
        fieldPaths({
            ...own([
                "name",
                "controlPlanes",
                "workers",
                "controlPlaneEndpoint",
                "apiServerUrl",
                "podCidr",
                "serviceCidr",
                "podCidrV6",
                "serviceCidrV6",
            ]),
            kubernetesVersion: "versions.kubernetes",
            containerdVersion: "versions.containerd",
        }),
    );
}

/** Maps a kubeadm cluster's config (and the stack's SSH settings, versions and key) to component args. */
export function kubeadmArgs(cluster: KubeadmClusterConfig, config: StackConfig, secrets: StackSecrets): PlainKubeadmClusterArgs {
    const { bastion } = config.ssh;
    return {
        controlPlanes: cluster.controlPlanes.map(nodeArgs),
        workers: cluster.workers.map(nodeArgs),
        controlPlaneEndpoint: cluster.controlPlaneEndpoint,
        ...(cluster.apiServerUrl !== undefined ? { apiServerUrl: cluster.apiServerUrl } : {}),
        podCidr: cluster.podCidr,
        serviceCidr: cluster.serviceCidr,
        ...dualStack(cluster),
        ssh: {
            user: config.ssh.user,
            port: config.ssh.port,
            ...(secrets.sshPrivateKey ? { privateKey: secrets.sshPrivateKey } : {}),
            ...(bastion
                ? {
                      bastion: {
                          host: bastion.host,
                          port: bastion.port,
                          ...(bastion.user ? { user: bastion.user } : {}),
                          ...(bastion.hostKey ? { hostKey: bastion.hostKey } : {}),
                      },
                  }
                : {}),
        },
        kubernetesVersion: config.versions.kubernetes,
        containerdVersion: config.versions.containerd,
        skipKubeProxy: cluster.skipKubeProxy,
        ...nodePreflight(config),
    };
}

/** A mesh's own node requirements (CN2: a kernel its vRouter is built for), checked before a node is prepared. */
function nodePreflight(config: StackConfig): Pick<PlainKubeadmClusterArgs, "nodePreflight"> {
    const checks = areaList.flatMap((area) => area.nodePreflight?.(config) ?? []);
    return checks.length > 0 ? { nodePreflight: checks } : {};
}

/**
 * Maps a kind cluster's config to component args; kindnet stays only when the stack installs no CNI at all. When the
 * stack hands out LoadBalancer addresses from the cluster's pools (MetalLB, Cilium LB IPAM), the create step checks
 * them against the real Docker `kind` network (its subnet is Docker's choice, not always 172.18.0.0/16).
 */
export function kindArgs(cluster: KindClusterConfig, config: StackConfig): KindClusterArgs {
    const index = config.clusters.findIndex((entry) => entry.name === cluster.name);
    const handsOutPools = config.loadBalancer.kind !== "none";
    return {
        ...(handsOutPools && cluster.loadBalancerPools.length > 0
            ? { networkAddresses: [...cluster.loadBalancerPools], networkAddressesKey: `clusters[${index}].loadBalancerPools` }
            : {}),
        podCidr: cluster.podCidr,
        serviceCidr: cluster.serviceCidr,
        ...dualStack(cluster),
        workers: cluster.workers,
        nodeImage: config.versions.kindNodeImage,
        skipKubeProxy: cluster.skipKubeProxy,
        // Contrail's vRouter is the CNI of a contrail mesh, so kindnet goes there too.
        disableDefaultCni: config.cni.kind !== "none" || meshProvidesCni(config.mesh),
    };
}

function nodeArgs(host: HostConfig): PlainKubeadmNodeArgs {
    return {
        host: host.host,
        ...(host.address !== host.host ? { address: host.address } : {}),
        ...(host.addressV6 !== undefined ? { addressV6: host.addressV6 } : {}),
        name: host.name,
        labels: host.labels,
        taints: [...host.taints],
        ...(host.hostKey ? { hostKey: host.hostKey } : {}),
    };
}

/** The IPv6 ranges of a dual-stack cluster (none for IPv4-only). */
function dualStack(cluster: ClusterConfig): { podCidrV6?: string; serviceCidrV6?: string } {
    return {
        ...(cluster.podCidrV6 !== undefined ? { podCidrV6: cluster.podCidrV6 } : {}),
        ...(cluster.serviceCidrV6 !== undefined ? { serviceCidrV6: cluster.serviceCidrV6 } : {}),
    };
}
