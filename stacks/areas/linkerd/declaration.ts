// The config half of the Linkerd area: its mesh kind, its versions, and what it tells other layers (gateway addresses, meshed ingress).
import { GATEWAY, MULTICLUSTER_NAMESPACE } from "../../../components/linkerd/constants";
import { AreaDeclaration, ReservedAddress, kind, unless } from "../../config/schema/area";
import { gatewayIpsOf } from "./gateways";
import { linkerdMeshSchema } from "./schema";

/** Linkerd: `mesh.kind linkerd`; its gateways pin a LoadBalancer address each, and ingress controllers join the mesh. */
export const linkerdDeclaration = {
    name: "linkerd",
    kinds: {
        mesh: [
            kind(linkerdMeshSchema, {
                meshesIngress: true,
                reservedAddresses: (mesh, clusters) =>
                    Object.fromEntries(
                        Object.entries(gatewayIpsOf(mesh, clusters)).map(([cluster, ip]): [string, ReservedAddress] => [
                            cluster,
                            {
                                name: "linkerd-gateway",
                                ip,
                                namespace: MULTICLUSTER_NAMESPACE,
                                service: GATEWAY.name,
                                owner: "the Linkerd gateway",
                            },
                        ]),
                    ),
            }),
        ],
    },
    versions: {
        linkerd: (choices) =>
            unless(choices.mesh.kind === "linkerd", `the stack installs no Linkerd (mesh.kind is "${choices.mesh.kind}")`),
        gatewayApi: (choices) =>
            unless(
                choices.mesh.kind === "linkerd",
                `the Gateway API CRDs are installed for Linkerd only, and mesh.kind is "${choices.mesh.kind}"`,
            ),
    },
} as const satisfies AreaDeclaration;
