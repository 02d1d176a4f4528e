// Declares one provisioner component per configured cluster (config order) and returns them as Clusters.
import { Cluster } from "../../components/cluster";
import { KindCluster } from "../../components/kind/cluster";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { KindClusterArgs } from "../../components/kind/config";
import { KubeadmClusterArgs, KubeadmNodeArgs } from "../../components/kubeadm/args";
import { StackSecrets } from "../config/load";
import { HostConfig, KindClusterConfig, KubeadmClusterConfig, StackConfig } from "../config/types";

/** Provisions every cluster of the stack, in config order; each component is named after its cluster. */
export function provisionClusters(config: StackConfig, secrets: StackSecrets): Cluster[] {
    return config.clusters.map((cluster): Cluster => {
        switch (cluster.provisioner) {
            case "kubeadm":
                return new KubeadmCluster(cluster.name, kubeadmArgs(cluster, config, secrets));
            case "kind":
                return new KindCluster(cluster.name, kindArgs(cluster, config));
        }
    });
}

/** Maps a kubeadm cluster's config (and the stack's SSH settings, versions and key) to component args. */
export function kubeadmArgs(cluster: KubeadmClusterConfig, config: StackConfig, secrets: StackSecrets): KubeadmClusterArgs {
    const { bastion } = config.ssh;
    return {
        controlPlanes: cluster.controlPlanes.map(nodeArgs),
        workers: cluster.workers.map(nodeArgs),
        controlPlaneEndpoint: cluster.controlPlaneEndpoint,
        podCidr: cluster.podCidr,
        serviceCidr: cluster.serviceCidr,
        ssh: {
            user: config.ssh.user,
            port: config.ssh.port,
            ...(secrets.sshPrivateKey ? { privateKey: secrets.sshPrivateKey } : {}),
            ...(bastion ? { bastion: { host: bastion.host, port: bastion.port, ...(bastion.user ? { user: bastion.user } : {}) } } : {}),
        },
        kubernetesVersion: config.versions.kubernetes,
        containerdVersion: config.versions.containerd,
        skipKubeProxy: cluster.skipKubeProxy,
    };
}

/** Maps a kind cluster's config to component args; kindnet stays only when no CNI component is configured. */
export function kindArgs(cluster: KindClusterConfig, config: StackConfig): KindClusterArgs {
    return {
        podCidr: cluster.podCidr,
        serviceCidr: cluster.serviceCidr,
        workers: cluster.workers,
        nodeImage: config.versions.kindNodeImage,
        skipKubeProxy: cluster.skipKubeProxy,
        disableDefaultCni: config.cni.kind !== "none",
    };
}

function nodeArgs(host: HostConfig): KubeadmNodeArgs {
    return {
        host: host.host,
        address: host.address,
        name: host.name,
        labels: host.labels,
        taints: host.taints,
        ...(host.hostKey ? { hostKey: host.hostKey } : {}),
    };
}
