// The config half of the AVI area: its ingress kind, its password secret and its versions (AKO, AMKO).
import { AreaDeclaration, kind, unless } from "../../config/schema/area";
import { aviIngressSchema } from "./schema";

/** AVI: `ingress.kind avi` (AKO per cluster, AMKO across clusters with `ingress.gslb`). */
export const aviDeclaration = {
    name: "avi",
    kinds: {
        ingress: [kind(aviIngressSchema)],
    },
    secrets: [
        {
            key: "aviPassword",
            unused: (choices) =>
                `AKO and AMKO log in only with ingress.kind avi and ingress.controller.host set (ingress.kind is "${choices.ingress.kind}")`,
        },
    ],
    versions: {
        ako: (choices) => unless(choices.ingress.kind === "avi", `the stack installs no AKO (ingress.kind is "${choices.ingress.kind}")`),
        amko: (choices) =>
            unless(
                choices.ingress.kind === "avi" && choices.ingress.gslb !== undefined,
                "the stack installs no AMKO (it comes with ingress.kind avi and ingress.gslb)",
            ),
    },
} as const satisfies AreaDeclaration;
