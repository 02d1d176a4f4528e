// The config half of the Contrail area: its mesh kind (which brings the CNI), its registry secret and its version.
import { AreaDeclaration, kind, unless } from "../../config/schema/area";
import { contrailMeshSchema } from "./schema";

/** Contrail: `mesh.kind contrail`; its vRouter is the clusters' CNI. */
export const contrailDeclaration = {
    name: "contrail",
    kinds: {
        mesh: [kind(contrailMeshSchema, { providesCni: true })],
    },
    secrets: [{ key: "contrailRegistryAuth", unused: (choices) => `the stack installs no Contrail (mesh.kind is "${choices.mesh.kind}")` }],
    versions: {
        contrail: (choices) =>
            unless(choices.mesh.kind === "contrail", `the stack installs no Contrail (mesh.kind is "${choices.mesh.kind}")`),
    },
} as const satisfies AreaDeclaration;
