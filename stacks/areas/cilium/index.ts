// The Cilium area as one object: CNI, LB IPAM, Cluster Mesh, ingress and the global-service demo.
import { Area } from "../area";
import { ciliumVersionJumps } from "./version-jumps";
import { ciliumBench } from "./bench";
import { ciliumDeclaration } from "./declaration";
import { ciliumDemoRow } from "./demo-row";
import { ciliumCniRow, ciliumIngressRow, ciliumLoadBalancerRow, ciliumMeshRow } from "./rows";

/** Cilium. */
export const cilium = {
    name: "cilium",
    declaration: ciliumDeclaration,
    rows: {
        cni: { cilium: ciliumCniRow },
        loadBalancer: { "cilium-lb-ipam": ciliumLoadBalancerRow },
        multicluster: { "cilium-clustermesh": ciliumMeshRow },
        ingress: { cilium: ciliumIngressRow },
        apps: { "cilium-clustermesh": ciliumDemoRow },
    },
    bench: ciliumBench,
    versionJumps: ciliumVersionJumps,
} as const satisfies Area;
