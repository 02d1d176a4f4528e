// What the benchmark knows of the Antrea area: its components' layers, its kinds' true dependencies, its synthetic mesh and anchors.
import { AreaBench, ref } from "../bench";

const perCluster = (n: number) => n;
const perMember = (n: number) => Math.max(n - 1, 0);

/** Antrea in the benchmark. */
export const antreaBench: AreaBench = {
    componentLayers: {
        "multicluster:antrea:AntreaInstall": "cni",
        "multicluster:antrea:AntreaClusterSet": "multicluster",
        "multicluster:antrea:AntreaMcController": "multicluster",
        "multicluster:antrea:AntreaMulticlusterDemo": "apps",
    },
    rules: {
        cni: {
            antrea: { why: "the chart needs only the API server" },
        },
        multicluster: {
            "antrea-multicluster": {
                connects: true,
                extra: { connect: [ref("multicluster", "release", "hub")], gate: [ref("multicluster", "objects", "hub")] },
                why: "a member's ClusterSet needs the leader's member token; only the proof needs the leader's ClusterSet",
            },
        },
        apps: {
            "antrea-multicluster": {
                extra: { gate: [ref("multicluster", "gate"), ref("apps", "release", "peers"), ref("apps", "objects", "peers")] },
                why: "the proof needs this cluster in the ClusterSet and the peers' demo and exports",
            },
        },
    },
    meshKinds: [
        {
            kind: "antrea-multicluster",
            sections: (names) => ({
                cni: { kind: "antrea" },
                mesh: { kind: "antrea-multicluster", clusterSetId: "bench", leader: names[0] },
            }),
            defaultMax: 16,
            longMax: 255,
            hub: (mesh) => ("leader" in mesh ? mesh.leader : undefined),
            manualSteps: [
                {
                    what: "create and copy a member token Secret per member (seed 000/001)",
                    times: perMember,
                    costs: ["kubernetesObject", "kubernetesObject"],
                },
                {
                    what: "edit antrea-mc-controller-config and rollout restart per cluster (seed 000)",
                    times: perCluster,
                    costs: ["kubernetesObject", "podsReady"],
                },
            ],
        },
    ],
};
