// Pulumi.yaml's project config: the keys Pulumi knows, valid for the CLI, and defaults that change nothing the program reads.
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { z } from "zod";
import { CONFIG_NAMESPACE } from "../../stacks/config/crossrefs";
import { RawStackConfig } from "../../stacks/config/raw";
import { configKeys, secretConfigKeys, stackConfigSchema } from "../../stacks/config/schema";
import { parseStackConfig } from "../../stacks/validate";
import { KEY_DESCRIPTIONS } from "../../tools/schema";

const ROOT = path.join(__dirname, "..", "..");

type Values = Record<string, unknown>;

/** One key of Pulumi.yaml's `config:` block (Pulumi's project file reference: ConfigTypeDeclaration). */
interface Declaration {
    readonly type?: string;
    readonly items?: unknown;
    readonly description?: string;
    readonly secret?: boolean;
    readonly default?: unknown;
    readonly value?: unknown;
}

/** The attributes Pulumi's project schema allows on a declaration, and the types it knows. */
const ATTRIBUTES = ["type", "items", "description", "secret", "default", "value"];
const PULUMI_TYPES = ["string", "integer", "boolean", "array"];

/**
 * Keys Pulumi.yaml does not declare, and why: Pulumi requires a declared key without a default on every stack, and
 * sets the default of the others, so a key whose unset meaning no value can say cannot be declared.
 */
const UNDECLARED: Readonly<Record<string, string>> = {
    ssh: "any value is refused on a stack without kubeadm clusters (is ignored: no cluster is provisioned by kubeadm)",
    loadBalancer: "unset follows the CNI and the pools (Cilium LB IPAM, MetalLB or none), which no one default can say",
    ...Object.fromEntries(secretConfigKeys.map((key) => [key, "a secret: a plain default would be refused as a secret in plain text"])),
};

const project = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as Values & { config: Record<string, Declaration> };
const declared = project.config;

/** The stack files of the repository. */
const stackFiles = fs
    .readdirSync(ROOT)
    .filter((name) => /^Pulumi\..+\.yaml$/.test(name))
    .sort();

/** A stack file's config as the program receives it (secure values become secret keys; other namespaces are left out). */
function rawOf(stack: string, config: Values): RawStackConfig {
    const values: Values = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(config)) {
        const short = key.startsWith(`${CONFIG_NAMESPACE}:`) ? key.slice(CONFIG_NAMESPACE.length + 1) : key;
        if (short.includes(":")) {
            continue;
        }
        const secure = value !== null && typeof value === "object" && "secure" in value;
        if (secure) {
            secretKeys.push(short);
        } else {
            values[short] = value;
        }
    }
    return { project: CONFIG_NAMESPACE, stack, values, secretKeys };
}

/** The program's reading of a config: the validated config as JSON, or the refusal. */
function outcome(raw: RawStackConfig): string {
    try {
        return JSON.stringify(parseStackConfig(raw));
    } catch (error) {
        return `refused: ${(error as Error).message}`;
    }
}

/** The config with Pulumi's project defaults set where the stack has no value (as `pulumi up` hands it over). */
function withDefaults(raw: RawStackConfig): RawStackConfig {
    const defaults = Object.entries(declared).filter(([key, declaration]) => declaration.default !== undefined && !(key in raw.values));
    return { ...raw, values: { ...raw.values, ...Object.fromEntries(defaults.map(([key, declaration]) => [key, declaration.default])) } };
}

describe("Pulumi.yaml project config", function () {
    this.timeout(120_000);

    it("keeps the project's own keys", () => {
        expect(project).to.include({ name: CONFIG_NAMESPACE, main: "index.ts" });
        expect(project.runtime).to.deep.equal({ name: "nodejs", options: { typescript: true } });
    });

    it("declares keys of this project only, with attributes and types Pulumi accepts", () => {
        for (const [key, declaration] of Object.entries(declared)) {
            expect(configKeys, key).to.include(key);
            expect(ATTRIBUTES, key).to.include.members(Object.keys(declaration));
            if (declaration.type !== undefined) {
                expect(PULUMI_TYPES, key).to.include(declaration.type);
            }
            expect(declaration.default !== undefined && declaration.value !== undefined, `${key} has both default and value`).to.equal(
                false,
            );
        }
    });

    it("declares every config key but those whose unset meaning no default can say", () => {
        const missing = configKeys.filter((key) => !(key in declared) && !(key in UNDECLARED));
        expect(
            missing,
            "declare each in Pulumi.yaml (a default only if it changes nothing), or list it in UNDECLARED with why",
        ).to.deep.equal([]);
        expect(Object.keys(declared).filter((key) => key in UNDECLARED)).to.deep.equal([]);
    });

    it("describes each key as the editor schema does", () => {
        for (const [key, declaration] of Object.entries(declared)) {
            expect(declaration.description, `copy the description of ${key} from tools/schema.ts`).to.equal(KEY_DESCRIPTIONS[key]);
        }
    });

    it("leaves without a default only keys every stack must set (Pulumi refuses a stack without them)", () => {
        const required = Object.keys(declared).filter((key) => declared[key].default === undefined);
        const shape = stackConfigSchema.shape as Record<string, z.ZodType>;
        expect(required.filter((key) => shape[key].safeParse(undefined).success)).to.deep.equal([]);
    });

    it("gives each key the default the zod schema gives it", () => {
        const shape = stackConfigSchema.shape as Record<string, z.ZodType>;
        for (const [key, declaration] of Object.entries(declared).filter(([, entry]) => entry.default !== undefined)) {
            expect(shape[key].parse(declaration.default), key).to.deep.equal(shape[key].parse(undefined));
        }
    });

    for (const file of stackFiles) {
        it(`changes nothing the program reads from ${file} when Pulumi sets the defaults`, () => {
            const stack = /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1] ?? file;
            const raw = rawOf(stack, (yaml.load(fs.readFileSync(path.join(ROOT, file), "utf8")) as { config: Values }).config);
            const plain = outcome(raw);
            expect(plain).not.to.match(/^refused/);
            expect(outcome(withDefaults(raw))).to.equal(plain);
        });
    }

    it("changes nothing for a stack that sets clusters only (every default applies)", () => {
        const raw = rawOf("minimal", { clusters: [{ name: "solo", provisioner: "kind" }] });
        expect(Object.keys(withDefaults(raw).values)).to.have.length(Object.keys(declared).length);
        expect(outcome(withDefaults(raw))).to.equal(outcome(raw));
    });
});
