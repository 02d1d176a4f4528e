// `npm run schema`: writes schema/stack-config.schema.json, the editor's JSON Schema of a Pulumi.<stack>.yaml, from the zod schema.
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import { z } from "zod";
import { CONFIG_NAMESPACE } from "../stacks/config/crossrefs";
import { secretConfigKeys, stackConfigSchema } from "../stacks/config/schema";

/** A JSON Schema node, as z.toJSONSchema returns it. */
export type JsonSchema = Record<string, unknown>;

/** The repository root. */
const ROOT = path.resolve(__dirname, "..");

/** Where the schema is written, relative to the repository root (the stack files' `$schema` line names it). */
export const SCHEMA_FILE = "schema/stack-config.schema.json";

/** JSON Schema draft-07: the newest draft yaml-language-server (the VS Code YAML extension) validates fully. */
const TARGET = "draft-7";

/** The top-level keys of a stack file Pulumi reads (Pulumi's stack settings file reference), besides `config`. */
const PULUMI_STACK_KEYS: Readonly<Record<string, JsonSchema>> = {
    secretsprovider: { type: "string", description: "The secrets provider that encrypts this stack's secret values (written by Pulumi)." },
    encryptedkey: { type: "string", description: "The KMS-encrypted data key of a cloud secrets provider (written by Pulumi)." },
    encryptionsalt: { type: "string", description: "The passphrase secrets provider's base64 salt (written by Pulumi)." },
    environment: {
        description: "Pulumi ESC environments this stack imports (a list of names, or an inline environment definition).",
        anyOf: [{ type: "array", items: { type: "string" } }, { type: "object" }],
    },
};

/**
 * Short descriptions of the config keys (the zod schema has none at this level); a key's own zod description wins.
 * Pulumi.yaml declares the same keys with these same descriptions (test/stacks/json-schema.test.ts holds them equal).
 */
export const KEY_DESCRIPTIONS: Readonly<Record<string, string>> = {
    clusters: "The clusters: each built by kubeadm on existing VMs or by kind on this machine, with its own pod and service ranges.",
    ssh: "How kubeadm hosts are reached over SSH: user, port and an optional bastion (the key is the secret sshPrivateKey).",
    versions: "Per-key overrides of the pinned versions (Kubernetes, charts, images); unset keys keep the pins.",
    cni: "Layer 2, the CNI, selected by kind; none keeps kind's kindnet, or leaves the CNI to a mesh that brings one.",
    loadBalancer: "Layer 3, LoadBalancer addresses from each cluster's loadBalancerPools; unset: the CNI's default where pools are given.",
    mesh: "Layer 4, the cross-cluster wiring, selected by kind; none leaves every cluster on its own.",
    ingress: "Layer 5, the ingress controller, selected by kind; none installs no controller.",
    network: 'The supernet and block sizes that clusters whose ranges are "auto" are allocated from.',
    sshPrivateKey: "Secret: the SSH private key for kubeadm hosts (`pulumi config set --secret sshPrivateKey < ~/.ssh/id_ed25519`).",
    aviPassword: "Secret: the AVI controller password AKO and AMKO log in with (`pulumi config set --secret aviPassword`).",
    contrailRegistryAuth:
        "Secret: enterprise-hub.juniper.net credentials for the CN2 images, `<username>:<password>` or a docker config JSON.",
};

/** A `secure:` value: what `pulumi config set --secret` writes (ciphertext, decrypted by Pulumi for the program). */
const SECURE_VALUE: JsonSchema = {
    type: "object",
    properties: { secure: { type: "string", description: "Ciphertext written by `pulumi config set --secret`." } },
    required: ["secure"],
    additionalProperties: false,
};

/** The other config namespaces a stack may set: Pulumi's own and those of the providers this project depends on. */
export function otherNamespaces(): string[] {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    const providers = Object.keys(manifest.dependencies ?? {})
        .map((name) => /^@pulumi\/(.+)$/.exec(name)?.[1])
        .filter((name): name is string => name !== undefined && name !== "pulumi");
    return ["pulumi", ...providers.sort()];
}

/** The zod schema of each plain (non-secret) config key, as JSON Schema (transforms and refinements do not convert: input shapes only). */
function sectionSchemas(): Record<string, JsonSchema> {
    const whole = z.toJSONSchema(stackConfigSchema, { target: TARGET, io: "input", unrepresentable: "throw" }) as JsonSchema;
    const properties = whole.properties as Record<string, JsonSchema>;
    if (whole.definitions !== undefined || whole.$defs !== undefined) {
        throw new Error("internal: the stack config schema has shared definitions; move them to the file schema's definitions");
    }
    return Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, { description: KEY_DESCRIPTIONS[key], ...schema }]));
}

/** Each config key under both names Pulumi accepts (`multicluster:<key>`, or `<key>`, the project's own namespace). */
function configProperties(keys: readonly string[]): Record<string, JsonSchema> {
    return Object.fromEntries(
        keys.flatMap((key) => [
            [`${CONFIG_NAMESPACE}:${key}`, { $ref: `#/definitions/${key}` }],
            [key, { $ref: `#/definitions/${key}` }],
        ]),
    );
}

/** The JSON Schema of a whole stack file: Pulumi's top-level keys and every config key of this project, nothing else. */
export function stackFileSchema(): JsonSchema {
    const sections = sectionSchemas();
    const secrets = Object.fromEntries(
        secretConfigKeys.map((key) => [
            key,
            { description: KEY_DESCRIPTIONS[key] ?? `Secret: set with \`pulumi config set --secret ${key}\`.`, ...SECURE_VALUE },
        ]),
    );
    const keys = [...Object.keys(sections), ...secretConfigKeys];
    // `required` names keys of its own `properties`, as Ajv's strict mode asks.
    const given = (key: string): JsonSchema => ({ type: "object", properties: { [key]: {} }, required: [key] });
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        title: `Pulumi stack file of project ${CONFIG_NAMESPACE} (Pulumi.<stack>.yaml)`,
        description: `Generated by \`npm run schema\` from the zod schema (stacks/config/schema); do not edit. Checks shapes, types, enums and bounds; the program's own validation (ranges, overlaps, cross-field rules) still runs on \`pulumi up\` and \`npm run render\`.`,
        type: "object",
        properties: {
            config: {
                type: "object",
                description: `The stack's settings: \`${CONFIG_NAMESPACE}:<key>\` for this project, \`<namespace>:<key>\` for ${otherNamespaces().join(", ")}.`,
                properties: configProperties(keys),
                patternProperties: { [`^(${otherNamespaces().join("|")}):.`]: {} },
                additionalProperties: false,
            },
            ...PULUMI_STACK_KEYS,
        },
        additionalProperties: false,
        // Clusters are required, unless an ESC environment may supply them.
        anyOf: [
            given("environment"),
            { ...given("config"), properties: { config: { anyOf: [given(`${CONFIG_NAMESPACE}:clusters`), given("clusters")] } } },
        ],
        definitions: { ...sections, ...secrets },
    };
}

/** The schema file's text: JSON formatted by the repository's Prettier settings. */
export async function stackFileSchemaText(): Promise<string> {
    const file = path.join(ROOT, SCHEMA_FILE);
    const options = (await prettier.resolveConfig(file)) ?? {};
    return prettier.format(JSON.stringify(stackFileSchema()), { ...options, filepath: file });
}

async function main(): Promise<void> {
    const file = path.join(ROOT, SCHEMA_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await stackFileSchemaText());
    console.log(`wrote ${SCHEMA_FILE}`);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    });
}
