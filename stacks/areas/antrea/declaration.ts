// The config half of the Antrea area: its kinds (CNI, Multi-cluster), its version, and what they tell other layers.
import { DEFAULT_ANTREA_SETTINGS } from "../../../components/antrea/values";
import { AreaDeclaration, kind, unless } from "../../config/schema/area";
import { antreaCniSchema, antreaMeshSchema } from "./schema";

/** Antrea: `cni.kind antrea` and `mesh.kind antrea-multicluster`. */
export const antreaDeclaration = {
    name: "antrea",
    kinds: {
        cni: [
            kind(antreaCniSchema, {
                akoCniPlugin: "antrea",
                nodePortLocal: (cni) => (cni.nodePortLocal ?? DEFAULT_ANTREA_SETTINGS.nodePortLocal).enable,
            }),
        ],
        mesh: [kind(antreaMeshSchema)],
    },
    versions: {
        antrea: (choices) =>
            unless(
                choices.cni.kind === "antrea" || choices.mesh.kind === "antrea-multicluster",
                `the stack installs no Antrea (cni.kind is "${choices.cni.kind}", mesh.kind is "${choices.mesh.kind}")`,
            ),
    },
} as const satisfies AreaDeclaration;
