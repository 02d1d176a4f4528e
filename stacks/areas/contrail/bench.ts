// What the benchmark knows of the Contrail area: its components' layers, its kind's true dependencies, its synthetic mesh and anchors.
import { AreaBench, ref } from "../bench";

const perMember = (n: number) => Math.max(n - 1, 0);

/** Contrail in the benchmark. */
export const contrailBench: AreaBench = {
    componentLayers: {
        "multicluster:contrail:ContrailMulticluster": "multicluster",
        "multicluster:contrail:ContrailCrossClusterNetwork": "multicluster",
        "multicluster:contrail:ContrailDemo": "apps",
    },
    rules: {
        multicluster: {
            contrail: {
                connects: true,
                extra: {
                    connect: [ref("multicluster", "running", "hub"), ref("multicluster", "running", "spokes")],
                    gate: [ref("multicluster", "connect", "hub")],
                },
                why: "the published procedure's order, at phase level: a distributed cluster's deployer after the central controller runs, the central Kubemanager after the distributed deployers run; the finer order (a vRouter after its Kubemanager) is not modelled and shows as an extra edge",
            },
        },
    },
    meshKinds: [
        {
            kind: "contrail",
            sections: (names) => ({ cni: { kind: "none" }, mesh: { kind: "contrail", central: names[0] } }),
            // Kubemanager ports and route targets derive from the IDs, so a contrail mesh names them.
            clusterFields: (index) => ({ id: index + 1 }),
            secrets: { contrailRegistryAuth: "bench:simulated-registry-password" },
            defaultMax: 16,
            longMax: 255,
            hub: (mesh) => ("central" in mesh ? mesh.central : undefined),
            manualSteps: [
                {
                    what: "copy kubeconfig Secrets crosswise per distributed cluster (seed 002)",
                    times: perMember,
                    costs: ["kubernetesObject", "kubernetesObject"],
                },
            ],
        },
    ],
};
