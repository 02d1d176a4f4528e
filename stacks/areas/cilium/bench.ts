// What the benchmark knows of the Cilium area: its components' layers, its kinds' true dependencies, its synthetic mesh and anchors.
import { AreaBench, ref } from "../bench";

const perCluster = (n: number) => n;
const perPair = (n: number) => (n * (n - 1)) / 2;

/** Cilium in the benchmark. */
export const ciliumBench: AreaBench = {
    componentLayers: {
        "multicluster:cilium:CiliumInstall": "cni",
        "multicluster:cilium:CiliumLoadBalancer": "loadBalancer",
        "multicluster:cilium:CiliumClusterMesh": "multicluster",
        "multicluster:cilium:ClusterMeshDemo": "apps",
        "multicluster:cilium:CiliumIngressAddress": "ingress",
        "multicluster:cilium:ClusterMeshDemoProof": "apps",
    },
    rules: {
        cni: {
            cilium: { why: "the chart needs only the API server and the shared CA (computed locally); mesh peers are pinned in config" },
        },
        loadBalancer: {
            "cilium-lb-ipam": {
                prereqFrom: ref("cni", "release"),
                why: "the pool CRDs come with the Cilium install, not with its pods running",
            },
        },
        multicluster: {
            "cilium-clustermesh": {
                extra: (config) => ({
                    gate: [
                        ref("cni", "running", "peers"),
                        ...("exposure" in config.mesh && config.mesh.exposure === "LoadBalancer"
                            ? [ref("loadBalancer", "objects", "peers")]
                            : []),
                    ],
                }),
                why: "wiring is in each install's values (CA + pinned peer addresses); only the proof needs the peers running (and their pools with LoadBalancer exposure)",
            },
        },
        apps: {
            "cilium-clustermesh": {
                extra: { gate: [ref("multicluster", "gate"), ref("apps", "release", "peers")] },
                why: "demo objects need only the CNI; the cross-cluster proof needs this cluster's mesh gate and the peers' demo",
            },
        },
    },
    meshKinds: [
        {
            kind: "cilium-clustermesh",
            sections: (names) => ({
                cni: { kind: "cilium", kubeProxyReplacement: true },
                mesh: { kind: "cilium-clustermesh", exposure: "NodePort", maxConnectedClusters: names.length > 255 ? 511 : 255 },
            }),
            // A Cilium Cluster Mesh names every cluster's ID (an ID given by list order would move on an insert).
            clusterFields: (index) => ({ id: index + 1 }),
            settingChange: {
                title: "turn Hubble off",
                apply: (sections) => ({ ...sections, cni: { ...(sections.cni as object), hubble: false } }),
            },
            defaultMax: 255,
            longMax: 511,
            manualSteps: [
                {
                    what: "cilium clustermesh enable (Helm upgrade, apiserver rollout) per cluster",
                    times: perCluster,
                    costs: ["helmOther", "podsReady"],
                },
                {
                    what: "cilium clustermesh connect per pair (Helm upgrade of both releases)",
                    times: perPair,
                    costs: ["helmOther", "helmOther"],
                },
                {
                    what: "delete the agent and operator pods per cluster (seed 004, CA mismatch)",
                    times: perCluster,
                    costs: ["podsReady", "podsReady"],
                },
            ],
            cliFlow: true,
            timesRender: true,
        },
    ],
};
