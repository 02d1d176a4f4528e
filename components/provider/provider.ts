// The component provider `pulumi package add` talks to: Pulumi's ComponentProvider over the hosted components, with
// secrets marked in the schema, the shipped schema preferred to a fresh analysis, and construct mapping schema tokens to classes.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { ConstructResult } from "@pulumi/pulumi/provider";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { HOSTED_COMPONENTS, HostedComponent, PACKAGE_NAME, componentToken } from "./components";
import { markPlainFields } from "./schema-plain";
import { PackageSchema, markSecrets } from "./schema-secrets";

/** The npm name of this package: {@link packageRoot} looks for its package.json. */
const NPM_NAME = "@multicluster/pulumi";

/** Options of {@link MulticlusterProvider}; every one has a default. */
export interface MulticlusterProviderOptions {
    /** Root of this package (package.json, tsconfig.json and sources); @default {@link packageRoot} of this file. */
    readonly dirname?: string;
    /** A schema generated beforehand (`npm run provider:schema`), served as it is when the file exists; @default none: analyze. */
    readonly schemaFile?: string;
    /** The components to host; @default {@link HOSTED_COMPONENTS}. */
    readonly components?: Readonly<Record<string, HostedComponent>>;
}

/** The nearest directory at or above `from` whose package.json is this package's (sources and the built bin/ alike). */
export function packageRoot(from: string = __dirname): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === NPM_NAME) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`no package.json named ${NPM_NAME} at or above ${from}; run the provider from this package's files.`);
        }
    }
}

/**
 * Hosts the design components for every Pulumi language. `getSchema` is Pulumi's analyzer output (or the shipped
 * schema) with the table's secrets marked; `construct` takes `multicluster:index:<Component>`, builds the class (which
 * registers under its own `multicluster:<area>:<Component>` type, as in TypeScript) and returns the schema's outputs.
 */
export class MulticlusterProvider extends ComponentProvider {
    private readonly hostedComponents: Readonly<Record<string, HostedComponent>>;
    private readonly shippedSchema?: string;
    private readonly dirname: string;
    private markedSchema?: Promise<string>;

    /** Hosts `options.components` (default: every design component) as package `multicluster`. */
    constructor(options: MulticlusterProviderOptions = {}) {
        const hosted = options.components ?? HOSTED_COMPONENTS;
        const components = Object.values(hosted).map((entry) => entry.component);
        const dirname = options.dirname ?? packageRoot();
        super({ name: PACKAGE_NAME, dirname, components });
        this.dirname = dirname;
        this.hostedComponents = hosted;
        this.shippedSchema = options.schemaFile;
    }

    /** The package schema (JSON): the shipped file when there is one, else the analyzer's, secrets marked. */
    override getSchema(): Promise<string> {
        this.markedSchema ??= this.loadSchema();
        return this.markedSchema;
    }

    /** Constructs the component the token names; the schema is loaded first, so a broken schema creates nothing. */
    override async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<ConstructResult> {
        ComponentProvider.validateResourceType(PACKAGE_NAME, type);
        const componentName = type.split(":")[2];
        const hosted = this.hostedComponents[componentName];
        if (hosted === undefined) {
            throw new Error(
                `${type} is not a component of package ${PACKAGE_NAME}; use one of: ${Object.keys(this.hostedComponents).join(", ")}.`,
            );
        }
        const schema = JSON.parse(await this.getSchema()) as PackageSchema;
        const instance = new hosted.component(name, inputs, options) as unknown as pulumi.ComponentResource & Record<string, unknown>;
        const outputs = Object.keys(schema.resources[componentToken(componentName)]?.properties ?? {});
        return { urn: instance.urn, state: Object.fromEntries(outputs.map((key) => [key, instance[key]])) };
    }

    /** Reads the shipped schema, or analyzes the sources and marks the secrets. */
    private async loadSchema(): Promise<string> {
        if (this.shippedSchema !== undefined && fs.existsSync(this.shippedSchema)) {
            return JSON.stringify(JSON.parse(fs.readFileSync(this.shippedSchema, "utf8")));
        }
        let analyzed: string;
        try {
            analyzed = await super.getSchema();
        } catch (error) {
            const shipped =
                this.shippedSchema === undefined ? "" : ` and ${this.shippedSchema} is missing (npm run provider:schema writes it)`;
            throw new Error(`Pulumi's component analyzer refused the components${shipped}: ${(error as Error).message}`);
        }
        const secret = markSecrets(JSON.parse(analyzed) as PackageSchema, this.hostedComponents);
        const sources = fs.existsSync(path.join(this.dirname, "components")) ? path.join(this.dirname, "components") : this.dirname;
        return JSON.stringify(await markPlainFields(secret, sources));
    }
}
