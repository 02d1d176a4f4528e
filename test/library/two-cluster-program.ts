// A library user's program as a newcomer writes it: two kubeadm clusters meshed by Cilium with MetalLB and Linkerd,
// two kind clusters (one on "auto" ranges) in an Antrea ClusterSet; no version and no settings given anywhere; the
// workers' addresses are Outputs of the VMs the program creates.
// test/public-api.test.ts type-checks this file against the packed package, as a consumer's program.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import {
    AntreaClusterSet,
    AntreaInstall,
    IngressController,
    KindCluster,
    KubeadmCluster,
    LinkerdInstall,
    LinkerdLink,
    LinkerdTrust,
    MetalLB,
    buildCiliumClusterMesh,
} from "../../components";

/** The node address of each kubeadm cluster, and its LoadBalancer pool and the Linkerd gateway's address in it. */
const SITES = {
    east: { host: "192.168.10.10", podCidr: "10.1.0.0/16", serviceCidr: "10.96.0.0/16", pool: "192.168.10.200-192.168.10.210" },
    west: { host: "192.168.20.10", podCidr: "10.2.0.0/16", serviceCidr: "10.97.0.0/16", pool: "192.168.20.200-192.168.20.210" },
} as const;

/**
 * Stands in for a VM the program creates (a cloud instance's private IP): its address is an Output of another
 * resource, as a newcomer's program passes it to KubeadmCluster.
 */
function vmAddress(name: string, address: string): pulumi.Output<string> {
    const vm = new command.local.Command(name, { create: "true", environment: { ADDRESS: address } });
    return vm.environment.apply((environment) => String(environment?.ADDRESS));
}

/** What the program exports: the clusters' kubeconfigs and API URLs (to look at under mocks). */
export interface ProgramOutputs {
    /** Each cluster's kubeconfig (secret). */
    readonly kubeconfigs: Record<string, unknown>;
    /** Each cluster's resolved pod CIDRs. */
    readonly podCidrs: Record<string, readonly string[]>;
}

/** Declares everything; returns the stack outputs. */
export function twoClusterProgram(): ProgramOutputs {
    const kubeadm = Object.entries(SITES).map(
        ([name, site]) =>
            new KubeadmCluster(name, {
                controlPlanes: [{ host: site.host }],
                workers: [{ host: vmAddress(`${name}-worker-vm`, site.host.replace(/10$/, "11")) }],
                podCidr: site.podCidr,
                serviceCidr: site.serviceCidr,
                ssh: { privateKey: "not-a-key" },
            }),
    );
    const mesh = buildCiliumClusterMesh("mesh", {
        members: kubeadm.map((cluster, i) => ({
            cluster,
            id: i + 1,
            exposure: { type: "NodePort", nodePort: 32379 },
            endpoint: { ips: [cluster.network.nodeAddresses[0]], port: 32379 },
        })),
    });
    const gateways = Object.fromEntries(Object.entries(SITES).map(([name, site]) => [name, site.pool.split("-")[0]]));
    const metallb = kubeadm.map(
        (cluster) =>
            new MetalLB(
                `${cluster.name}-metallb`,
                { cluster, pools: [SITES[cluster.name as keyof typeof SITES].pool] },
                { dependsOn: [...mesh.installs[cluster.name].ready] },
            ),
    );
    new IngressController("east-ingress", { cluster: kubeadm[0], kind: "traefik" }, { dependsOn: [...metallb[0].ready] });
    const trust = new LinkerdTrust("linkerd-trust", { clusters: kubeadm.map((cluster) => cluster.name) });
    const linkerd = kubeadm.map(
        (cluster, i) =>
            new LinkerdInstall(
                `${cluster.name}-linkerd`,
                {
                    cluster,
                    trust,
                    gateway: { ip: gateways[cluster.name] },
                    loadBalancerPools: metallb[i].loadBalancerPools,
                    cni: mesh.installs[cluster.name].cniFacts,
                    mirrors: [kubeadm[1 - i].name],
                },
                { dependsOn: [...metallb[i].ready] },
            ),
    );
    linkerd.forEach(
        (source, i) =>
            new LinkerdLink(`${source.clusterName}-mirrors-${kubeadm[1 - i].name}`, {
                source: source.linkEnd,
                target: linkerd[1 - i].linkEnd,
            }),
    );

    const kind = [
        new KindCluster("kind-a", { podCidr: "auto" }),
        new KindCluster("kind-b", { podCidr: "10.70.0.0/16", serviceCidr: "10.71.0.0/20" }),
    ];
    const antrea = kind.map((cluster) => new AntreaInstall(`${cluster.name}-antrea`, { cluster, multicluster: {} }));
    new AntreaClusterSet("clusterset", {
        clusterSetId: "lab",
        leader: { cluster: kind[0], antrea: antrea[0].agent },
        members: kind.map((cluster, i) => ({ cluster, gatewayNodes: [`${cluster.name}-worker`], antrea: antrea[i].agent })),
    });
    const all = [...kubeadm, ...kind];
    return {
        kubeconfigs: Object.fromEntries(all.map((cluster) => [cluster.name, cluster.kubeconfig])),
        podCidrs: Object.fromEntries(all.map((cluster) => [cluster.name, cluster.network.podCidrs])),
    };
}
