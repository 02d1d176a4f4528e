// The editor schema: schema/stack-config.schema.json is the generator's output, takes every stack file, refuses what zod refuses.
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { CONFIG_NAMESPACE } from "../../stacks/config/crossrefs";
import { configKeys, secretConfigKeys, stackConfigSchema } from "../../stacks/config/schema";
import { KEY_DESCRIPTIONS, SCHEMA_FILE, stackFileSchema, stackFileSchemaText } from "../../tools/schema";

const ROOT = path.join(__dirname, "..", "..");
const SCHEMA_LINE = `# yaml-language-server: $schema=./${SCHEMA_FILE}`;

/** Every stack file of the repository (a new one is covered as soon as it is added). */
const stackFiles = fs
    .readdirSync(ROOT)
    .filter((name) => /^Pulumi\..+\.yaml$/.test(name))
    .sort();

type Values = Record<string, unknown>;
const load = (file: string): Values => yaml.load(fs.readFileSync(path.join(ROOT, file), "utf8")) as Values;
const configOf = (file: Values): Values => file.config as Values;

/** Compiles the checked-in schema with Ajv's draft-07 class in strict mode. */
function compiled(): ValidateFunction {
    const ajv = new Ajv({ strict: true, allErrors: true });
    return ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8")) as object);
}

/** The errors the schema finds in a stack file (none: []). */
function errorsOf(validate: ValidateFunction, file: unknown): ErrorObject[] {
    return validate(file) ? [] : [...(validate.errors ?? [])];
}

const shown = (errors: readonly ErrorObject[]): string => errors.map((e) => `${e.instancePath} ${e.keyword} ${e.message}`).join("\n");

describe("editor JSON Schema of the stack files", function () {
    this.timeout(120_000);
    let validate: ValidateFunction;
    before(() => {
        validate = compiled();
    });

    it("is the generator's output (run `npm run schema` after changing the zod schema)", async () => {
        const text = fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8");
        expect(text, `${SCHEMA_FILE} is stale: run \`npm run schema\``).to.equal(await stackFileSchemaText());
    });

    it("describes every config key of the project, each secret key as a `secure:` value only", () => {
        const schema = stackFileSchema() as { properties: { config: { properties: Values } }; definitions: Record<string, Values> };
        const keys = Object.keys(schema.properties.config.properties);
        expect(keys).to.have.members(configKeys.flatMap((key) => [`${CONFIG_NAMESPACE}:${key}`, key]));
        for (const key of secretConfigKeys) {
            expect(schema.definitions[key]).to.include({ type: "object", additionalProperties: false });
            expect(schema.definitions[key].required).to.deep.equal(["secure"]);
        }
        for (const key of Object.keys(stackConfigSchema.shape)) {
            expect(schema.definitions[key].description, key).to.equal(KEY_DESCRIPTIONS[key]);
        }
    });

    it("finds the stack files, and not the project file", () => {
        expect(stackFiles).to.include.members(["Pulumi.dev.yaml", "Pulumi.contrail-lab.yaml"]);
        expect(stackFiles).not.to.include("Pulumi.yaml");
    });

    for (const file of stackFiles) {
        it(`accepts ${file}, which names the schema on its first line`, () => {
            expect(fs.readFileSync(path.join(ROOT, file), "utf8").split("\n")[0]).to.equal(SCHEMA_LINE);
            const errors = errorsOf(validate, load(file));
            expect(errors, shown(errors)).to.deep.equal([]);
        });
    }

    describe("refuses, naming the key", () => {
        const dev = (): Values => load("Pulumi.dev.yaml");
        const withConfig = (config: Values): Values => ({ ...dev(), config: { ...configOf(dev()), ...config } });
        const clusters = (): Values[] => configOf(dev())[`${CONFIG_NAMESPACE}:clusters`] as Values[];

        it("an unknown config key (a misspelt section) and a namespace no one reads", () => {
            const errors = errorsOf(validate, withConfig({ "multicluster:mseh": { kind: "none" }, "multicluser:mesh": { kind: "none" } }));
            const unknown = errors.filter((e) => e.instancePath === "/config" && e.keyword === "additionalProperties");
            expect(
                unknown.map((e) => e.params.additionalProperty),
                shown(errors),
            ).to.have.members(["multicluster:mseh", "multicluser:mesh"]);
        });

        it("an unknown key inside a cluster (serviceCIDR for serviceCidr)", () => {
            const [east, west] = clusters();
            const errors = errorsOf(validate, withConfig({ "multicluster:clusters": [east, { ...west, serviceCIDR: "10.98.0.0/16" }] }));
            expect(
                errors.some(
                    (e) =>
                        e.instancePath === "/config/multicluster:clusters/1" &&
                        e.keyword === "additionalProperties" &&
                        e.params.additionalProperty === "serviceCIDR",
                ),
                shown(errors),
            ).to.equal(true);
        });

        it("an unknown top-level key of the file", () => {
            const errors = errorsOf(validate, { ...dev(), confg: {} });
            expect(errors.map((e) => [e.instancePath, e.keyword, e.params.additionalProperty])).to.deep.include([
                "",
                "additionalProperties",
                "confg",
            ]);
        });

        it("a value of the wrong type: a number as text, a word for a worker count, a secret in plain text", () => {
            const [east, west] = clusters();
            const errors = errorsOf(
                validate,
                withConfig({
                    "multicluster:network": { podPrefix: "16" },
                    "multicluster:clusters": [{ ...east, workers: "two" }, west],
                    "multicluster:sshPrivateKey": "-----BEGIN OPENSSH PRIVATE KEY-----",
                }),
            );
            const typeErrors = errors.filter((e) => e.keyword === "type").map((e) => e.instancePath);
            expect(typeErrors, shown(errors)).to.include.members([
                "/config/multicluster:network/podPrefix",
                "/config/multicluster:clusters/0/workers",
                "/config/multicluster:sshPrivateKey",
            ]);
        });

        it("a kind no area declares", () => {
            const errors = errorsOf(validate, withConfig({ "multicluster:mesh": { kind: "clustermesh" } }));
            expect(
                errors.some((e) => e.instancePath === "/config/multicluster:mesh/kind"),
                shown(errors),
            ).to.equal(true);
        });

        it("a file without clusters (unless an ESC environment may supply them)", () => {
            expect(errorsOf(validate, { config: { "multicluster:mesh": { kind: "none" } } }).map((e) => e.keyword)).to.include("anyOf");
            expect(errorsOf(validate, { environment: ["shared/kind"], config: {} })).to.deep.equal([]);
        });
    });

    it("accepts both key spellings Pulumi reads, other namespaces it passes on, and Pulumi's own top-level keys", () => {
        const config = configOf(load("Pulumi.dev.yaml"));
        const bare = Object.fromEntries(Object.entries(config).map(([key, value]) => [key.replace(`${CONFIG_NAMESPACE}:`, ""), value]));
        const file = {
            encryptionsalt: "v1:abc",
            config: { ...bare, "kubernetes:enableServerSideApply": "true", "pulumi:tags": { team: "net" } },
        };
        const errors = errorsOf(validate, file);
        expect(errors, shown(errors)).to.deep.equal([]);
    });
});
