// The zod schema of `Pulumi.<stack>.yaml` (namespace `multicluster`), composed from the areas' declarations.
import { z } from "zod";
import { areaDeclarations } from "../../areas/declarations";
import { AreaDeclaration, AreaSection, Kind } from "./area";
import { clusterSchema, hostSchema, networkSchema, sshSchema, versionsSchema } from "./common";

export { FIX_SEPARATOR } from "./common";

const none = z.strictObject({ kind: z.literal("none") });

/** The declared areas, as a union of their literal types. */
type Declared = (typeof areaDeclarations)[number];
/** The kinds an area declares for a section. */
type KindsOf<D, S extends AreaSection> = D extends { readonly kinds: { readonly [K in S]: readonly (infer K2)[] } } ? K2 : never;
/** The schema branch of a kind. */
type SchemaOf<K> = K extends Kind<infer Z> ? Z : never;
/** The union of a section: `none` and every declared kind's branch. */
type SectionSchema<S extends AreaSection> = z.ZodDiscriminatedUnion<readonly [typeof none, ...SchemaOf<KindsOf<Declared, S>>[]], "kind">;

/** Where `none` stands in a section's union (it orders the kinds a message lists). */
const NONE_FIRST: Readonly<Record<AreaSection, boolean>> = { cni: false, loadBalancer: false, mesh: true, ingress: true };

/** A section's union over the given declarations: `none` plus each area's kinds, in list order. */
export function sectionSchema(section: AreaSection, declarations: readonly AreaDeclaration[]): z.ZodDiscriminatedUnion {
    const branches = declarations.flatMap((area) => area.kinds[section] ?? []).map((declared) => declared.schema);
    return z.discriminatedUnion("kind", NONE_FIRST[section] ? [none, ...branches] : ([...branches, none] as unknown as [typeof none]));
}

/** Layer 2, the CNI. */
export const cniSchema = sectionSchema("cni", areaDeclarations) as unknown as SectionSchema<"cni">;

/** Layer 3, the load balancer; unset means: the CNI's default (Cilium LB IPAM with Cilium), MetalLB where pools are given, else none. */
export const loadBalancerSchema = sectionSchema("loadBalancer", areaDeclarations) as unknown as SectionSchema<"loadBalancer">;

/** Layer 4, the cross-cluster wiring. */
export const meshSchema = sectionSchema("mesh", areaDeclarations) as unknown as SectionSchema<"mesh">;

/** Layer 5, the ingress controller. */
export const ingressSchema = sectionSchema("ingress", areaDeclarations) as unknown as SectionSchema<"ingress">;

/** The whole stack config over the given declarations (the areas list, or a test's own). */
export function buildStackConfigSchema(declarations: readonly AreaDeclaration[]) {
    return stackConfigShape(
        sectionSchema("cni", declarations),
        sectionSchema("loadBalancer", declarations),
        sectionSchema("mesh", declarations),
        sectionSchema("ingress", declarations),
    );
}

function stackConfigShape<C extends z.ZodType, L extends z.ZodType, M extends z.ZodType, I extends z.ZodType>(
    cni: C,
    loadBalancer: L,
    mesh: M,
    ingress: I,
) {
    return z.strictObject({
        clusters: z.array(clusterSchema).min(1).max(511),
        ssh: sshSchema.optional(),
        versions: versionsSchema.default({}),
        cni: cni.default({ kind: "none" } as never),
        loadBalancer: loadBalancer.optional(),
        mesh: mesh.default({ kind: "none" } as never),
        ingress: ingress.default({ kind: "none" } as never),
        network: networkSchema.default({ supernet: "10.64.0.0/10", podPrefix: 16, servicePrefix: 20 }),
    });
}

/** The whole stack config (all keys of namespace `multicluster` except the secret ones). */
export const stackConfigSchema = stackConfigShape(cniSchema, loadBalancerSchema, meshSchema, ingressSchema);

/** Config as parsed by the schema (defaults applied, cross-field rules not yet checked). */
export type ParsedStackConfig = z.infer<typeof stackConfigSchema>;
/** A parsed cluster entry. */
export type ParsedCluster = z.infer<typeof clusterSchema>;
/** A parsed SSH host entry. */
export type ParsedHost = z.infer<typeof hostSchema>;

/** The secret config keys of the given declarations: `sshPrivateKey`, then each area's, in list order. */
export function secretKeysOf(declarations: readonly AreaDeclaration[]): string[] {
    return ["sshPrivateKey", ...declarations.flatMap((area) => (area.secrets ?? []).map((secret) => secret.key))];
}

/**
 * Config keys whose value must be a secret (`pulumi config set --secret`): read as secret Outputs, never
 * validated by value, rejected when stored in plain text. Areas declare theirs (`secrets`).
 */
export const secretConfigKeys: readonly string[] = secretKeysOf(areaDeclarations);

/** The config keys this project reads, in the order they are documented. */
export const configKeys: readonly string[] = [
    "clusters",
    "ssh",
    "versions",
    "cni",
    "loadBalancer",
    "mesh",
    "ingress",
    "network",
    ...secretConfigKeys,
];
