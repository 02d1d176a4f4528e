// Bad stack configs of the multicluster areas (issue 9's classes for Antrea, Linkerd, Contrail), with their exact messages.
import { kindA, kindB, kubeadmA } from "./bad-configs";

/** A kind cluster with a MetalLB pool. */
const pooledA = { ...kindA, loadBalancerPools: ["172.18.0.61-172.18.0.70"] };
/** A second kind cluster with a MetalLB pool. */
const pooledB = { ...kindB, loadBalancerPools: ["172.18.0.71-172.18.0.80"] };
const clusterSet = { kind: "antrea-multicluster", clusterSetId: "cs1", leader: "east" };

/** One area case: config values, secret keys set, and the exact messages. */
export interface AreaBadConfig {
    /** What rule the case breaks. */
    readonly name: string;
    /** Config values by short key. */
    readonly values: Record<string, unknown>;
    /** Short keys set as secrets. */
    readonly secretKeys?: string[];
    /** The messages, in order. */
    readonly messages: string[];
}

/** The area table. */
export const areaBadConfigs: AreaBadConfig[] = [
    {
        name: "duplicate Antrea members",
        values: { clusters: [kindA, kindB], cni: { kind: "antrea" }, mesh: { ...clusterSet, members: ["east", "west", "west"] } },
        messages: ['mesh.members[2] = "west" is already listed as mesh.members[1]; fix: list every member once.'],
    },
    {
        name: "Antrea cni.values overriding a gate the project owns",
        values: { clusters: [kindA, kindB], cni: { kind: "antrea", values: { featureGates: { Multicluster: false } } }, mesh: clusterSet },
        messages: [
            "cni.values.featureGates.Multicluster = false overrides a value the project renders from a first-class setting; fix: set mesh.kind: antrea-multicluster (every ClusterSet member gets the gate) instead.",
        ],
    },
    {
        name: "a Linkerd gateway address that is not an IP",
        values: { clusters: [pooledA, pooledB], mesh: { kind: "linkerd", gatewayIps: { east: "gateway.example.com" } } },
        messages: [
            'mesh.gatewayIps.east = "gateway.example.com" is not an IP address; fix: give one address of the cluster\'s loadBalancerPools, e.g. "172.18.0.70".',
        ],
    },
    {
        name: "a Linkerd gateway address outside the cluster's pools",
        values: { clusters: [pooledA, pooledB], mesh: { kind: "linkerd", gatewayIps: { east: "172.18.0.99" } } },
        messages: [
            'mesh.gatewayIps.east = "172.18.0.99" is outside the cluster\'s loadBalancerPools (172.18.0.61-172.18.0.70), so no load balancer will assign it; fix: pick an address inside a pool, e.g. "172.18.0.70".',
        ],
    },
    {
        name: "a one-cluster Linkerd mesh",
        values: { clusters: [pooledA], mesh: { kind: "linkerd" } },
        messages: [
            'mesh.kind = "linkerd" connects 1 cluster, and a mesh needs at least 2; fix: add a cluster, or set mesh.kind: "none" until there is a second one.',
        ],
    },
    {
        name: "a one-cluster Antrea ClusterSet",
        values: { clusters: [kindA], cni: { kind: "antrea" }, mesh: clusterSet },
        messages: [
            'mesh.kind = "antrea-multicluster" connects 1 cluster, and a mesh needs at least 2; fix: add a cluster, or set mesh.kind: "none" until there is a second one.',
        ],
    },
    {
        name: "a one-cluster Contrail mesh",
        values: { clusters: [kubeadmA], mesh: { kind: "contrail", central: "k8s-01" } },
        secretKeys: ["contrailRegistryAuth"],
        messages: [
            'mesh.kind = "contrail" connects 1 cluster, and a mesh needs at least 2; fix: add a cluster, or set mesh.kind: "none" until there is a second one.',
        ],
    },
];
