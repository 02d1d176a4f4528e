// The config half of the Cilium area: its kinds (CNI, LB IPAM, Cluster Mesh, ingress), its version, and what they tell other layers.
import { LBIPAM_IPS_ANNOTATION } from "../../../components/cilium/values";
import { AreaDeclaration, kind, unless } from "../../config/schema/area";
import { ciliumCniSchema, ciliumIngressSchema, ciliumLoadBalancerSchema, ciliumMeshSchema } from "./schema";

/** Cilium: `cni.kind cilium`, `loadBalancer.kind cilium-lb-ipam`, `mesh.kind cilium-clustermesh`, `ingress.kind cilium`. */
export const ciliumDeclaration = {
    name: "cilium",
    kinds: {
        cni: [
            kind(ciliumCniSchema, {
                replacesKubeProxy: (cni) => cni.kubeProxyReplacement,
                defaultLoadBalancer: "cilium-lb-ipam",
                socketServiceLb: (cni) =>
                    cni.kubeProxyReplacement
                        ? {
                              path: "cni.values.socketLB.hostNamespaceOnly",
                              hostNamespaceOnly: ((cni.values?.socketLB ?? {}) as Record<string, unknown>).hostNamespaceOnly,
                          }
                        : undefined,
                akoCniPlugin: "cilium",
            }),
        ],
        loadBalancer: [
            kind(ciliumLoadBalancerSchema, {
                announcesByL2: (_lb, choices) => choices.cni.kind === "cilium" && choices.cni.l2Announcements === true,
                pinAnnotations: (ip) => ({ [LBIPAM_IPS_ANNOTATION]: ip }),
            }),
        ],
        mesh: [kind(ciliumMeshSchema, { maxMeshId: (mesh) => mesh.maxConnectedClusters })],
        ingress: [kind(ciliumIngressSchema)],
    },
    versions: {
        cilium: (choices) => unless(choices.cni.kind === "cilium", `the stack installs no Cilium (cni.kind is "${choices.cni.kind}")`),
    },
} as const satisfies AreaDeclaration;
