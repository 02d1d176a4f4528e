// What the benchmark knows of the Linkerd area: its components' layers, its kinds' true dependencies, its synthetic mesh and anchors.
import { AreaBench, ref, syntheticPool } from "../bench";
import { linkerdLinks, linkerdMeshOf } from "./gateways";

const perOrderedPair = (n: number) => n * (n - 1);

/** Linkerd in the benchmark. */
export const linkerdBench: AreaBench = {
    componentLayers: {
        "multicluster:linkerd:LinkerdInstall": "multicluster",
        "multicluster:linkerd:LinkerdLink": "multicluster",
        "multicluster:linkerd:LinkerdDemo": "apps",
        "multicluster:linkerd:LinkerdDemoProof": "apps",
    },
    rules: {
        multicluster: {
            linkerd: {
                connects: true,
                extra: {
                    release: [ref("loadBalancer", "objects")],
                    connect: [ref("multicluster", "release", "targets")],
                    gate: [ref("multicluster", "running", "targets")],
                },
                why: "a Link needs its target's service-account token (gateway address pinned); the gateway's LoadBalancer Service needs a pool before Helm's await ends; only the probe needs the target's gateway",
            },
        },
        apps: {
            linkerd: {
                extra: {
                    release: [ref("multicluster", "running")],
                    gate: [
                        ref("multicluster", "gate"),
                        ref("apps", "release", "peers"),
                        ref("apps", "objects", "peers"),
                        ref("ingress", "running"),
                    ],
                },
                why: "meshed demo pods need the injector running when they are created; the proof needs the links, the peers' demo and the ingress",
            },
        },
    },
    meshKinds: [
        {
            kind: "linkerd",
            sections: (names) => ({
                cni: { kind: "cilium" },
                loadBalancer: { kind: "cilium-lb-ipam" },
                mesh: { kind: "linkerd", gatewayIps: Object.fromEntries(names.map((name, i) => [name, syntheticPool(i).first])) },
            }),
            clusterFields: (index) => ({ loadBalancerPools: [syntheticPool(index).range] }),
            defaultMax: 8,
            longMax: 32,
            targets: (config, cluster) => {
                const mesh = linkerdMeshOf(config);
                return mesh
                    ? linkerdLinks(config, mesh)
                          .filter((link) => link.from === cluster)
                          .map((link) => link.to)
                    : [];
            },
            manualSteps: [
                {
                    what: "linkerd multicluster link | kubectl apply per ordered pair (seed 003)",
                    times: perOrderedPair,
                    costs: ["localOther", "kubernetesObject"],
                },
            ],
        },
    ],
};
