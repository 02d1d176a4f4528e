// The Area contract: one list builds the schema, layer table, secrets, version uses and bench registries; the import graph holds.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { defaultVersions } from "../../components/versions";
import { Area, areaList, areas } from "../../stacks/areas";
import { areaDeclarations } from "../../stacks/areas/declarations";
import { capabilitiesOf, maxMeshId } from "../../stacks/config/capabilities";
import { buildStackConfigSchema, meshSchema, secretKeysOf } from "../../stacks/config/schema";
import { AreaDeclaration, AreaSection, kind, kindName } from "../../stacks/config/schema/area";
import { StackConfig } from "../../stacks/config/types";
import { versionUses } from "../../stacks/config/unused";
import { buildLayers, layerIssues, selectedRow } from "../../stacks/layers";
import { LayerContext, LayerFacts } from "../../stacks/layers/layer";
import { componentLayersOf } from "../../tools/bench/ideal-map";
import { layerRulesOf } from "../../tools/bench/ideal-rules";
import { meshKinds, meshKindsOf } from "../../tools/bench/synthetic";

const root = path.resolve(__dirname, "..", "..");

/** Every .ts file under a folder of the project, as project-relative paths. */
function tsFiles(folder: string): string[] {
    const walk = (dir: string): string[] =>
        fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((entry) =>
                entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith(".ts") ? [path.join(dir, entry.name)] : [],
            );
    return walk(path.join(root, folder)).map((file) => path.relative(root, file).split(path.sep).join("/"));
}

/** The project files a file imports (relative imports only, type-only ones included), resolved to `.ts` paths. */
function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|^\s*import\s+"(\.[^"]+)"/gms)].map(
        (match) => match[1] ?? match[2],
    );
    return specifiers.map((specifier) => {
        const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        return fs.existsSync(path.join(root, `${base}.ts`)) ? `${base}.ts` : `${base}/index.ts`;
    });
}

const stackFiles = tsFiles("stacks");
const graph = new Map(stackFiles.map((file) => [file, importsOf(file).filter((target) => target.startsWith("stacks/"))]));

/** Every stacks/ file `file` reaches through imports. */
function closure(starts: readonly string[]): Set<string> {
    const seen = new Set<string>();
    const todo = [...starts];
    while (todo.length > 0) {
        const file = todo.pop() as string;
        for (const target of graph.get(file) ?? []) {
            if (!seen.has(target)) {
                seen.add(target);
                todo.push(target);
            }
        }
    }
    return seen;
}

/** One import cycle among stacks/ files, or undefined. */
function findCycle(): string[] | undefined {
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]): string[] | undefined => {
        if (state.get(file) === "open") {
            return [...trail.slice(trail.indexOf(file)), file];
        }
        if (state.get(file) === "done") {
            return undefined;
        }
        state.set(file, "open");
        for (const target of graph.get(file) ?? []) {
            const cycle = visit(target, [...trail, file]);
            if (cycle) {
                return cycle;
            }
        }
        state.set(file, "done");
        return undefined;
    };
    for (const file of stackFiles) {
        const cycle = visit(file, []);
        if (cycle) {
            return cycle;
        }
    }
    return undefined;
}

/** An area's config half: its declaration, schema branches and what they import in its folder. */
const CONFIG_HALF = /^stacks\/areas\/(declarations\.ts|[a-z]+\/(declaration|schema|gateways)\.ts)$/;

describe("import graph of stacks/", () => {
    it("has a config layer that imports neither the layers nor an area's rows: only the areas' config halves", () => {
        const reached = [...closure(stackFiles.filter((file) => file.startsWith("stacks/config/")))];
        expect(reached.filter((file) => file.startsWith("stacks/layers/"))).to.deep.equal([]);
        expect(reached.filter((file) => file.startsWith("stacks/areas/") && !CONFIG_HALF.test(file))).to.deep.equal([]);
        expect(reached.filter((file) => !file.startsWith("stacks/config/") && !file.startsWith("stacks/areas/"))).to.deep.equal([]);
    });

    it("has no import cycle", () => {
        expect(findCycle()).to.equal(undefined);
    });

    it("has no area folder importing another area's folder", () => {
        const crossing = stackFiles.flatMap((file) => {
            const own = /^stacks\/areas\/([a-z]+)\//.exec(file)?.[1];
            return own === undefined
                ? []
                : (graph.get(file) ?? [])
                      .filter((target) => {
                          const other = /^stacks\/areas\/([a-z]+)\//.exec(target)?.[1];
                          return other !== undefined && other !== own;
                      })
                      .map((target) => `${file} -> ${target}`);
        });
        expect(crossing).to.deep.equal([]);
    });
});

/** Every kind literal an area declares, by area name. */
const kindsByArea = new Map(
    (areaDeclarations as readonly AreaDeclaration[]).map((area) => [
        area.name,
        Object.values(area.kinds).flatMap((kinds) => (kinds ?? []).map(kindName)),
    ]),
);

describe("kind switches", () => {
    it("compare with an area's kind only inside that area's folders (stacks/areas/<area>/, components/<area>/)", () => {
        const files = [...tsFiles("stacks"), ...tsFiles("tools"), ...tsFiles("components")];
        const found = files.flatMap((file) => {
            const text = fs.readFileSync(path.join(root, file), "utf8");
            const own = /^(?:stacks\/areas|components)\/([a-z]+)\//.exec(file)?.[1];
            return [...kindsByArea]
                .filter(([area]) => area !== own)
                .flatMap(([, kinds]) =>
                    kinds.flatMap((literal) => {
                        const pattern = new RegExp(`kind\\s*[!=]==\\s*"${literal}"|case\\s+"${literal}"\\s*:`, "g");
                        return [...text.matchAll(pattern)].map(() => `${file}: ${literal}`);
                    }),
                );
        });
        expect(found).to.deep.equal([]);
    });
});

describe("the areas list", () => {
    it("holds the same areas, in the same order, as the declarations list", () => {
        expect(areas.map((area) => area.declaration)).to.deep.equal([...areaDeclarations]);
        expect(areas.map((area) => area.name)).to.deep.equal(areaDeclarations.map((declared) => declared.name));
    });

    it("gives every kind of the schema a row in its layer, and every mesh kind an apps row", () => {
        const table = buildLayers();
        const layerOf: Record<AreaSection, string> = { cni: "cni", loadBalancer: "loadBalancer", mesh: "multicluster", ingress: "ingress" };
        for (const area of areaDeclarations as readonly AreaDeclaration[]) {
            for (const [section, kinds] of Object.entries(area.kinds) as [
                AreaSection,
                NonNullable<AreaDeclaration["kinds"][AreaSection]>,
            ][]) {
                for (const declared of kinds) {
                    const layers = section === "mesh" ? ["multicluster", "apps"] : [layerOf[section]];
                    layers.forEach((name) =>
                        expect(table.find((layer) => layer.name === name)?.rows, `${name} ${kindName(declared)}`).to.have.property(
                            kindName(declared),
                        ),
                    );
                }
            }
        }
    });

    it("gives every pinned version exactly one use, and builds the secret keys from the areas", () => {
        expect(
            versionUses()
                .map(([key]) => key)
                .sort(),
        ).to.deep.equal(Object.keys(defaultVersions).sort());
        expect(secretKeysOf(areaDeclarations)).to.deep.equal(["sshPrivateKey", "contrailRegistryAuth", "aviPassword"]);
    });

    it("gives every mesh kind of the schema a synthetic benchmark stack, and every component type an area's prefix", () => {
        const meshKindNames = meshSchema.options.map((option) => option.shape.kind.value as string);
        expect(meshKinds.map((spec) => spec.kind)).to.deep.equal(meshKindNames);
        for (const area of areaList) {
            Object.keys(area.bench?.componentLayers ?? {}).forEach((token) =>
                expect(token).to.match(new RegExp(`^multicluster:${area.name}:`)),
            );
        }
    });
});

/** A toy area: one mesh kind with a row, a demo row, a capability and the benchmark's knowledge of it. */
const toyMeshSchema = z.strictObject({ kind: z.literal("toy-mesh"), ring: z.number().int().default(3), demo: z.boolean().default(false) });
const toyDeclaration: AreaDeclaration = { name: "toy", kinds: { mesh: [kind(toyMeshSchema, { maxMeshId: () => 7 })] } };
const wired: string[] = [];
const toy: Area = {
    name: "toy",
    declaration: toyDeclaration,
    rows: {
        multicluster: {
            "toy-mesh": {
                title: "toy ring",
                check: (config) =>
                    config.clusters.length < 2
                        ? [{ path: "mesh.kind", message: 'mesh.kind = "toy-mesh" needs two clusters; fix: add one' }]
                        : [],
                wire: (context) => {
                    wired.push(...context.clusters.map((entry) => entry.config.name));
                    return { outputs: { ring: true } };
                },
            },
        },
        apps: { "toy-mesh": { title: "toy demo", wire: () => ({}) } },
    },
    bench: {
        componentLayers: { "multicluster:toy:ToyRing": "multicluster" },
        rules: { multicluster: { "toy-mesh": { why: "a toy" } } },
        meshKinds: [{ kind: "toy-mesh" as never, sections: () => ({ mesh: { kind: "toy-mesh" } }), defaultMax: 2, longMax: 2 }],
    },
};

describe("a new area is one folder and one list line", () => {
    const declarations = [...(areaDeclarations as readonly AreaDeclaration[]), toyDeclaration];
    const list = [...areaList, toy];
    const raw = { clusters: [{ name: "a", provisioner: "kind" }], mesh: { kind: "toy-mesh", ring: 5 } };

    it("appears in the schema: a stack file using it parses, and its capability answers", () => {
        const parsed = buildStackConfigSchema(declarations).parse(raw);
        expect(parsed.mesh).to.deep.equal({ kind: "toy-mesh", ring: 5, demo: false });
        expect(buildStackConfigSchema(areaDeclarations).safeParse(raw).success).to.equal(false);
        expect(capabilitiesOf("mesh", parsed.mesh as { kind: string }, declarations).maxMeshId?.(parsed.mesh as { kind: string })).to.equal(
            7,
        );
        expect(maxMeshId(parsed.mesh as { kind: string })).to.equal(255);
    });

    it("appears in the layer table: its row is selected, checked and wired", () => {
        const table = buildLayers(list);
        const config = { clusters: [{ name: "a" }], mesh: { kind: "toy-mesh", demo: false } } as unknown as StackConfig;
        const multicluster = table.find((layer) => layer.name === "multicluster");
        expect(multicluster && selectedRow(multicluster, config).title).to.equal("toy ring");
        expect(
            layerIssues(
                { ...config, cni: { kind: "none" }, loadBalancer: { kind: "none" }, ingress: { kind: "none" } } as StackConfig,
                table,
            ).map((entry) => entry.message),
        ).to.deep.equal(['mesh.kind = "toy-mesh" needs two clusters; fix: add one']);
        const context = { config, clusters: [{ config: { name: "a" } }], facts: new LayerFacts() } as unknown as LayerContext;
        expect(multicluster && selectedRow(multicluster, config).wire(context)).to.deep.equal({ outputs: { ring: true } });
        expect(wired).to.deep.equal(["a"]);
        expect(() => buildLayers([...list, toy])).to.throw("internal: multicluster kind toy-mesh has rows in two areas");
    });

    it("appears in the benchmark's registries", () => {
        expect(componentLayersOf(list)).to.have.property("multicluster:toy:ToyRing", "multicluster");
        expect(layerRulesOf(list).multicluster).to.have.property("toy-mesh");
        expect(meshKindsOf(list).map((spec) => spec.kind)).to.include("toy-mesh");
        expect(meshKindsOf(areaList).map((spec) => spec.kind)).to.not.include("toy-mesh");
    });
});
