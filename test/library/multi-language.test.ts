// The multi-language package: Pulumi's component provider gives every design component a typed schema with its
// credentials secret; construct maps `multicluster:index:<Component>` to the class, which keeps its TypeScript URN; and
// provider/ holds what `pulumi package add` launches.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { HOSTED_COMPONENTS, PACKAGE_NAME, componentToken } from "../../components/provider/components";
import { MulticlusterProvider } from "../../components/provider/provider";
import { ObjectSpec, PackageSchema, PropertySpec, reachableObjects, unmatchedSecrets } from "../../components/provider/schema-secrets";
import { SCHEMA_FILE, formattedSchema } from "../../tools/provider-schema";
import { constructUnderMocks } from "./construct-mocks";

const ROOT = path.resolve(__dirname, "..", "..");
/** The components the design (issue 20) names. */
const DESIGN = [
    "KubeadmCluster",
    "KindCluster",
    "AntreaInstall",
    "AntreaClusterSet",
    "CiliumInstall",
    "CiliumClusterMesh",
    "LinkerdInstall",
    "LinkerdLink",
    "MetalLB",
    "ContrailMulticluster",
];
/** A property that refers to a resource (a Kubernetes Secret, say): the reference is no credential itself. */
function isResourceReference(spec: { readonly $ref?: string }): boolean {
    return spec.$ref?.includes("/schema.json#/resources/") === true;
}

/** Property names that hold credentials: each must be secret wherever it occurs. */
const CREDENTIAL = /kubeconfig|privatekey|keypem|keybase64|password|auth$|token$/i;

let analysis: Promise<string> | undefined;
/** The analyzer's schema over every hosted component, secrets marked (analyzed once per run). */
async function analyzedSchema(): Promise<PackageSchema> {
    analysis ??= new MulticlusterProvider().getSchema();
    return JSON.parse(await analysis) as PackageSchema;
}

/** Which files under `dir` declare each exported interface, type, enum, class or const name. */
function declarationFiles(dir: string): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
    for (const file of files) {
        const text = fs.readFileSync(path.join(dir, file), "utf8");
        const names = new Set(
            [...text.matchAll(/^export (?:declare )?(?:interface|type|enum|class|const) (\w+)/gm)].map((match) => match[1]),
        );
        names.forEach((name) => found.set(name, [...(found.get(name) ?? []), file]));
    }
    return found;
}

/** Every property of an object (outputs and, for a resource, inputs) as `[name, spec]`. */
function propertiesOf(object: ObjectSpec): [string, PropertySpec][] {
    return [object.properties, object.inputProperties].flatMap((map) => Object.entries(map ?? {}));
}

/** True when the property names its type (a primitive, a reference, or an array or map of them). */
function typed(property: PropertySpec): boolean {
    return typeof property.type === "string" || typeof property.$ref === "string";
}

describe("multi-language package: the schema (Pulumi's component analyzer)", function () {
    this.timeout(600_000);

    it("hosts exactly the design components", () => {
        expect(Object.keys(HOSTED_COMPONENTS)).to.have.members(DESIGN);
        expect(DESIGN).to.have.length(Object.keys(HOSTED_COMPONENTS).length);
    });

    it("lists every design component with typed inputs and outputs", async () => {
        const schema = await analyzedSchema();
        expect(schema.name).to.equal(PACKAGE_NAME);
        expect(Object.keys(schema.resources)).to.have.members(DESIGN.map(componentToken));
        for (const name of DESIGN) {
            const resource = schema.resources[componentToken(name)];
            expect(resource.isComponent, name).to.equal(true);
            expect(Object.keys(resource.inputProperties ?? {}), `${name} inputs`).to.not.be.empty;
            expect(Object.keys(resource.properties ?? {}), `${name} outputs`).to.not.be.empty;
            const untyped = reachableObjects(schema, name).flatMap((object) => propertiesOf(object).filter(([, spec]) => !typed(spec)));
            expect(
                untyped.map(([key]) => key),
                `${name}: properties without a type`,
            ).to.deep.equal([]);
        }
    });

    it("marks every credential secret, and each secret the table lists occurs in its component", async () => {
        const schema = await analyzedSchema();
        expect(unmatchedSecrets(schema, HOSTED_COMPONENTS), "table entries no schema property has").to.deep.equal([]);
        for (const name of DESIGN) {
            const open = reachableObjects(schema, name)
                .flatMap(propertiesOf)
                .filter(([key, spec]) => CREDENTIAL.test(key) && spec.secret !== true && !isResourceReference(spec));
            expect(
                open.map(([key]) => key),
                `${name}: credentials not marked secret (add them to HOSTED_COMPONENTS)`,
            ).to.deep.equal([]);
        }
    });

    it("keeps the contract's plain facts plain wherever the type is used, and its Inputs Inputs", async () => {
        const schema = await analyzedSchema();
        const plainOf = (type: string) =>
            Object.fromEntries(
                Object.entries(schema.types[`multicluster:index:${type}`].properties ?? {}).map(([key, spec]) => [
                    key,
                    spec.plain === true,
                ]),
            );
        expect(plainOf("ClusterNetwork")).to.deep.equal({ podCidrs: true, serviceCidrs: true, nodeAddresses: true });
        expect(plainOf("ApiEndpoint")).to.deep.equal({ host: true, port: true });
        expect(plainOf("Cluster")).to.include({ name: true, network: true, endpoint: true, kubeconfig: false, caCertificate: false });
    });

    it("has readable descriptions (a {@link} in a doc comment reaches the SDKs as [object Object])", async () => {
        const text = JSON.stringify(await analyzedSchema());
        expect(text.match(/"description":"[^"]*\[object Object\][^"]*"/g) ?? []).to.deep.equal([]);
    });

    it("gives each type name one declaration (the analyzer merges equal interface names of different areas into one type)", async () => {
        const schema = await analyzedSchema();
        const declaredIn = declarationFiles(path.join(ROOT, "components"));
        for (const token of Object.keys(schema.types)) {
            // Partial<X> and Required<X> become types of their own, named after X.
            const name = (token.split(":").pop() ?? "").replace(/^(Partial|Required)(?=[A-Z])/, "");
            expect(declaredIn.get(name) ?? [], `${token}: files that declare ${name}`).to.have.length(1);
        }
    });

    it("ships the current schema in provider/schema.json (npm run provider:schema)", async () => {
        const fresh = await formattedSchema(JSON.stringify(await analyzedSchema()));
        expect(fs.existsSync(SCHEMA_FILE), "provider/schema.json exists").to.equal(true);
        expect(fs.readFileSync(SCHEMA_FILE, "utf8") === fresh, "provider/schema.json is stale: npm run provider:schema").to.equal(true);
    });
});

describe("multi-language package: construct under setMocks", function () {
    this.timeout(120_000);
    /** The outputs a KindCluster's schema lists (a stub: the analyzer's schema is tested above). */
    const OUTPUTS = ["kubeconfig", "apiServer", "caCertificate", "incarnation", "endpoint"];
    let schemaFile = "";

    before(() => {
        const properties = Object.fromEntries(OUTPUTS.map((key) => [key, { type: "string" }]));
        const stub = {
            name: PACKAGE_NAME,
            version: "0.1.0",
            resources: { [componentToken("KindCluster")]: { isComponent: true, properties } },
            types: {},
        };
        schemaFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "multi-language-")), "schema.json");
        fs.writeFileSync(schemaFile, JSON.stringify(stub));
    });

    after(() => fs.rmSync(path.dirname(schemaFile), { recursive: true, force: true }));

    it("constructs multicluster:index:KindCluster as the class, under its TypeScript URN, returning the schema's outputs", async () => {
        const provider = new MulticlusterProvider({ schemaFile });
        const run = await constructUnderMocks(provider, "east", componentToken("KindCluster"), { podCidr: "auto", serviceCidr: "auto" });
        expect(run.error).to.equal(undefined);
        // The type the class registers (not the schema token), under the stack: the URN a TypeScript program gives it.
        expect(run.urn).to.equal("urn:pulumi:stack::project::pulumi:pulumi:Stack$multicluster:kind:KindCluster::east");
        expect(Object.keys(run.state)).to.have.members(OUTPUTS);
        expect(run.secret, "kubeconfig stays secret").to.equal(true);
        expect(run.registered).to.include.members(["multicluster:kind:KindCluster::east", "command:local:Command::east-cluster"]);
    });

    it("refuses another package's token and an unknown component, creating nothing", async () => {
        const provider = new MulticlusterProvider({ schemaFile });
        const foreign = await constructUnderMocks(provider, "east", "other:index:KindCluster", {});
        expect(String(foreign.error)).to.contain("Invalid package name other, expected 'multicluster'");
        const unknown = await constructUnderMocks(provider, "east", componentToken("Nope"), {});
        expect(String(unknown.error)).to.contain("multicluster:index:Nope is not a component of package multicluster");
        const created = [...foreign.registered, ...unknown.registered].filter((entry) => !entry.startsWith("pulumi:pulumi:Stack::"));
        expect(created).to.deep.equal([]);
    });

    it("returns every output the analyzer's schema lists for a KindCluster", async () => {
        const run = await constructUnderMocks(new MulticlusterProvider(), "east", componentToken("KindCluster"), { podCidr: "auto" });
        expect(run.error).to.equal(undefined);
        const schema = await analyzedSchema();
        expect(Object.keys(run.state)).to.have.members(Object.keys(schema.resources[componentToken("KindCluster")].properties ?? {}));
        expect(Object.entries(run.state).filter(([, value]) => value === undefined)).to.deep.equal([]);
    });
});

describe("multi-language package: the plugin folder", () => {
    const manifest = (file: string): Record<string, unknown> =>
        JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as Record<string, unknown>;

    it("declares a nodejs plugin whose main is the built provider entry, named and versioned as the package", () => {
        expect(yaml.load(fs.readFileSync(path.join(ROOT, "provider", "PulumiPlugin.yaml"), "utf8"))).to.deep.equal({ runtime: "nodejs" });
        const plugin = manifest("provider/package.json");
        expect(plugin.name).to.equal(PACKAGE_NAME);
        expect(plugin.version).to.equal(manifest("package.json").version);
        const entry = path.resolve(ROOT, "provider", String(plugin.main));
        expect(path.relative(ROOT, entry)).to.equal(path.join("bin", "components", "provider", "main.js"));
        expect(fs.existsSync(path.join(ROOT, "components", "provider", "main.ts")), "the entry's source").to.equal(true);
    });

    it("ships the plugin folder in the npm package", () => {
        const files = manifest("package.json").files as string[];
        for (const file of ["PulumiPlugin.yaml", "package.json", "prepare.js", "schema.json"]) {
            expect(files, file).to.include(`provider/${file}`);
        }
    });
});
