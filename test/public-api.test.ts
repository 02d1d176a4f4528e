// The package installs and imports cleanly: pack it, install the tarball beside the latest 3.x @pulumi/pulumi into a fresh
// project (one SDK copy, no install-script warning), type-check (strict) a file that imports every component with its Args
// type, every import line of README.md and docs/, and a program that leaves every version and setting to its default.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compileConsumerProgram, runConsumerProgram } from "./library/consumer-run";
import { libraryExamples, writeLibraryExamples } from "./library/doc-examples";

const projectDir = path.resolve(__dirname, "..");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as {
    name: string;
    allowScripts: Record<string, boolean>;
    engines: { node: string };
};
const PACKAGE = MANIFEST.name;

/** Runs a command; returns its stdout, or its stdout and stderr with `both` (npm warns on stderr). */
function run(command: string, args: readonly string[], cwd: string, loglevel = "error", both = false): string {
    const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_loglevel: loglevel } });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} failed (${String(result.status)}):\n${result.stdout}\n${result.stderr}`);
    }
    return both ? `${result.stdout}\n${result.stderr}` : result.stdout;
}

/** The newest 3.x release of @pulumi/pulumi the registry has (asked afresh, not from npm's cache). */
function latestSdk3(cwd: string): string {
    const listed = JSON.parse(run("npm", ["view", "@pulumi/pulumi@3", "version", "--json", "--prefer-online"], cwd)) as string[] | string;
    const numeric = (version: string): number[] => version.split(".").map(Number);
    const stable = [listed].flat().filter((version) => /^3\.\d+\.\d+$/.test(version));
    return stable.sort((a, b) => numeric(a).reduce((order, part, i) => order || part - numeric(b)[i], 0)).at(-1) ?? "";
}

/** Every installed copy of `name` under `dir`/node_modules, at any depth, as its folder relative to `dir`. */
function installedCopies(dir: string, name: string): string[] {
    const found: string[] = [];
    const walk = (modules: string): void => {
        if (!fs.existsSync(modules)) return;
        for (const entry of fs.readdirSync(modules)) {
            const folders = entry.startsWith("@") ? fs.readdirSync(path.join(modules, entry)).map((inner) => `${entry}/${inner}`) : [entry];
            for (const folder of folders) {
                if (folder === name) found.push(path.relative(dir, path.join(modules, folder)));
                walk(path.join(modules, folder, "node_modules"));
            }
        }
    };
    walk(path.join(dir, "node_modules"));
    return found;
}

/** Every `import … from "<package>"` statement in README.md and docs/*.md, as written. */
export function documentedImports(root: string, name: string): string[] {
    const docs = [
        path.join(root, "README.md"),
        ...fs.readdirSync(path.join(root, "docs")).map((file) => path.join(root, "docs", file)),
    ].filter((file) => file.endsWith(".md"));
    const pattern = new RegExp(`^\\s*import\\s[^;]*?\\sfrom\\s+["']${name.replace(/[/.]/g, "\\$&")}(/[\\w-]+)?["'];?`, "gms");
    return docs.flatMap((file) => [...fs.readFileSync(file, "utf8").matchAll(pattern)].map((match) => match[0].trim()));
}

/** The ComponentResource classes the installed package exports (checked against its own @pulumi/pulumi). */
function exportedComponents(consumerDir: string): string[] {
    const script = [
        `const lib = require(${JSON.stringify(PACKAGE)});`,
        'const { ComponentResource } = require("@pulumi/pulumi");',
        "const names = Object.keys(lib).filter((key) => typeof lib[key] === 'function' && lib[key].prototype instanceof ComponentResource);",
        "process.stdout.write(JSON.stringify(names.sort()));",
    ].join("\n");
    return JSON.parse(run(process.execPath, ["-e", script], consumerDir)) as string[];
}

/** A consumer file: every component and its `<Component>Args`, used in types so nothing is elided. */
function consumerSource(components: readonly string[]): string {
    const aliases = components.map((name) => `${name} as Lib${name}, type ${name}Args as Lib${name}Args`);
    const uses = components.map((name) => `export type Use${name} = [typeof Lib${name}, Lib${name}Args];`);
    return [`import { ${aliases.join(", ")} } from ${JSON.stringify(PACKAGE)};`, ...uses, ""].join("\n");
}

/** Writes the consumer files (one per documented import, so equal names in two docs never clash); returns their names. */
function writeConsumerFiles(dir: string, components: readonly string[], documented: readonly string[]): string[] {
    const files = ["components.ts", ...documented.map((_, i) => `documented-${i + 1}.ts`)];
    fs.writeFileSync(path.join(dir, files[0]), consumerSource(components));
    documented.forEach((line, i) => fs.writeFileSync(path.join(dir, files[i + 1]), `${line}\nexport {};\n`));
    return files;
}

/**
 * The library's two-cluster test program (test/library), importing the package: every component left to its
 * defaults, so a consumer that gives no version and no settings type-checks. Returns the file's name.
 */
function writeDefaultsProgram(dir: string): string {
    const source = fs.readFileSync(path.join(__dirname, "library", "two-cluster-program.ts"), "utf8");
    expect(source, "the program leaves every version out").to.not.match(/[vV]ersion\??\s*:/);
    const consumer = source.replace(/from "\.\.\/\.\.\/components";/, `from ${JSON.stringify(PACKAGE)};`);
    expect(consumer, "the program imports the package").to.contain(`from ${JSON.stringify(PACKAGE)};`);
    fs.writeFileSync(path.join(dir, "defaults-program.ts"), consumer);
    return "defaults-program.ts";
}

describe("public API (packed package in a fresh project)", function () {
    this.timeout(300_000);
    let workDir = "";
    let consumerDir = "";
    let sdkVersion = "";
    let installLog = "";

    before(() => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "public-api-"));
        const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", workDir], projectDir)) as { filename: string }[];
        consumerDir = path.join(workDir, "consumer");
        fs.mkdirSync(consumerDir);
        // The consumer denies the install scripts this project denies (README, "Toolchain notes"): npm 11 then warns of none.
        const consumer = { name: "consumer", version: "1.0.0", private: true, allowScripts: MANIFEST.allowScripts };
        fs.writeFileSync(path.join(consumerDir, "package.json"), JSON.stringify(consumer));
        sdkVersion = latestSdk3(consumerDir);
        // Dependencies come from npm's cache (filled by `npm ci`); the registry is used only for what is missing.
        installLog = run(
            "npm",
            [
                "install",
                "--prefer-offline",
                "--no-audit",
                "--no-fund",
                path.join(workDir, packed[0].filename),
                `@pulumi/pulumi@${sdkVersion}`,
                "typescript@5",
                "@types/node@22",
            ],
            consumerDir,
            "warn",
            true,
        );
    });

    after(() => {
        fs.rmSync(workDir, { recursive: true, force: true });
    });

    it("runs on the Node major the engines field names (npm scripts put node_modules/.bin/node, Node 22, first)", () => {
        const floor = /^>=(\d+)$/.exec(MANIFEST.engines.node);
        expect(floor, `engines.node ${MANIFEST.engines.node}`).to.not.equal(null);
        expect(Number(process.versions.node.split(".")[0])).to.be.at.least(Number(floor?.[1]));
    });

    it("ships only the built library (no sources, tests or tools)", () => {
        const installed = path.join(consumerDir, "node_modules", ...PACKAGE.split("/"));
        expect(fs.existsSync(path.join(installed, "bin", "components", "index.d.ts"))).to.equal(true);
        expect(fs.existsSync(path.join(installed, "bin", "tools"))).to.equal(false);
        expect(fs.existsSync(path.join(installed, "components"))).to.equal(false);
        for (const shipped of ["LICENSE", "CHANGELOG.md", "README.md", path.join("docs", "architecture.md")]) {
            expect(fs.existsSync(path.join(installed, shipped)), shipped).to.equal(true);
        }
    });

    it("shares one @pulumi/pulumi with a consumer on the latest 3.x, with no peer, engine or install-script warning", () => {
        expect(sdkVersion).to.match(/^3\.\d+\.\d+$/);
        expect(installedCopies(consumerDir, "@pulumi/pulumi")).to.deep.equal([path.join("node_modules", "@pulumi", "pulumi")]);
        const installedSdk = JSON.parse(
            fs.readFileSync(path.join(consumerDir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"),
        ) as {
            version: string;
        };
        expect(installedSdk.version).to.equal(sdkVersion);
        expect(installLog).to.not.match(/ERESOLVE|EBADENGINE|install-scripts/);
    });

    it("type-checks every component, its Args type, every documented import and every library page's program under strict", () => {
        const components = exportedComponents(consumerDir);
        for (const expected of ["KubeadmCluster", "KindCluster", "CiliumInstall", "CiliumClusterMesh", "CiliumLoadBalancer", "CiliumCa"]) {
            expect(components).to.include(expected);
        }
        const documented = documentedImports(projectDir, PACKAGE);
        expect(documented.length, "README.md shows how to import the library").to.be.greaterThan(0);
        const examples = libraryExamples(projectDir, PACKAGE);
        expect(examples.length, "the library pages show programs").to.be.greaterThan(10);
        const files = [
            ...writeConsumerFiles(consumerDir, components, documented),
            writeDefaultsProgram(consumerDir),
            ...writeLibraryExamples(consumerDir, examples),
        ];
        fs.writeFileSync(
            path.join(consumerDir, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: {
                    strict: true,
                    noEmit: true,
                    module: "commonjs",
                    target: "ES2022",
                    moduleResolution: "node",
                    esModuleInterop: true,
                    types: ["node"],
                },
                files,
            }),
        );
        run(path.join(consumerDir, "node_modules", ".bin", "tsc"), ["-p", "."], consumerDir);
    });
    it("runs the two-cluster program (Output hosts, no versions) from the packed package under the documented setMocks", () => {
        compileConsumerProgram(consumerDir, "defaults-program.ts");
        for (const preview of [false, true]) {
            const result = runConsumerProgram(consumerDir, preview);
            expect(result.error, `preview: ${String(preview)}`).to.equal(null);
            const components = [
                "KubeadmCluster",
                "KindCluster",
                "CiliumInstall",
                "CiliumClusterMesh",
                "MetalLB",
                "LinkerdLink",
                "AntreaClusterSet",
            ];
            const missing = components.filter((name) => !result.types.some((type) => type.endsWith(`:${name}`)));
            expect(missing, `components never registered (preview: ${String(preview)})`).to.deep.equal([]);
            expect(result.types.filter((type) => type === "command:remote:Command").length).to.be.greaterThan(10);
        }
    });
});
