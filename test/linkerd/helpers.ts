// Shared helpers of the Linkerd tests: stack configs of n kind clusters, stack runs over fake clusters, chart key sets.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseStackConfig } from "../../stacks/validate";
import { StackConfig } from "../../stacks/config/types";
import { wireLayers } from "../../stacks/program";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { SimulationState } from "../../tools/engine/state";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { fakeClustersOf } from "../fixtures/cilium-clusters";
import { RecordedGraph, recordProgram } from "../mocks";
import { valueLeaves } from "../../components/shared/values-merge";

/** `n` kind clusters c1..cn with their own pod, service and pool ranges (pool 172.18.<i>.10-172.18.<i>.20). */
export function kindClusters(n: number): Record<string, unknown>[] {
    return Array.from({ length: n }, (_, i) => ({
        name: `c${i + 1}`,
        provisioner: "kind",
        podCidr: `10.${240 + i}.0.0/16`,
        serviceCidr: `10.${100 + i}.0.0/16`,
        loadBalancerPools: [`172.18.${i + 1}.10-172.18.${i + 1}.20`],
    }));
}

/** A Linkerd stack over MetalLB with Traefik and the demo, as `Pulumi.linkerd-kind.yaml` but with `n` clusters. */
export function linkerdValues(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        clusters: kindClusters(n),
        cni: { kind: "none" },
        loadBalancer: { kind: "metallb" },
        mesh: { kind: "linkerd", demo: true },
        ingress: { kind: "traefik" },
        ...extra,
    };
}

/** Parses config values as a stack file would give them. */
export function parseValues(values: Record<string, unknown>): StackConfig {
    return parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys: [] });
}

/** The validation messages of a config (empty when valid). */
export function problemsOf(values: Record<string, unknown>): string[] {
    try {
        parseValues(values);
        return [];
    } catch (error) {
        return ((error as { issues?: { message: string }[] }).issues ?? [{ message: String(error) }]).map((found) => found.message);
    }
}

/** Runs every layer of a config over fake clusters and returns the graph (fails on a program error). */
export async function runLayers(config: StackConfig): Promise<RecordedGraph> {
    const graph = await recordProgram(() => wireLayers(config, { byKey: {} }, fakeClustersOf(config)));
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return graph;
}

/** Runs every layer of a config reusing `state`, as `pulumi up` reuses its state. */
export async function runLayersWithState(config: StackConfig, state: SimulationState): Promise<RecordedResource[]> {
    const result = await runProgram({
        project: "multicluster",
        stack: "test",
        config: {},
        secretKeys: [],
        simulation: { state },
        program: () => wireLayers(config, { byKey: {} }, fakeClustersOf(config)),
    });
    expect(result.error, String(result.error)).to.equal(undefined);
    return [...result.records];
}

/** Plain inputs of a record. */
export const plainInputs = (record: RecordedResource): Record<string, any> => unwrapSecrets(record.inputs) as Record<string, any>;

/** A set of key paths from a fixture file (one per line, `#` comments). */
export function keyPaths(file: string): Set<string> {
    return new Set(
        fs
            .readFileSync(path.join(__dirname, "..", file), "utf8")
            .split("\n")
            .filter((line) => line && !line.startsWith("#")),
    );
}

/** Dotted leaf paths of rendered values, by the library's own walker (arrays and empty maps are leaves). */
export function leafPaths(values: object): string[] {
    return valueLeaves(values as Readonly<Record<string, unknown>>).map(({ keys }) => keys.join("."));
}

/** Paths of a manifest's spec with array items written `[]` (to compare against a CRD schema's properties). */
export function specPaths(value: unknown, prefix: string): string[] {
    if (Array.isArray(value)) {
        return [prefix, ...value.flatMap((item) => specPaths(item, `${prefix}[]`))];
    }
    if (value !== null && typeof value === "object") {
        return [prefix, ...Object.entries(value).flatMap(([key, child]) => specPaths(child, `${prefix}.${key}`))];
    }
    return [prefix];
}

/** Every resource `from` reaches through its dependencies (transitively), by URN. */
export function reachable(records: readonly RecordedResource[], from: RecordedResource): Set<string> {
    const byUrn = new Map(records.map((record) => [record.urn, record]));
    const seen = new Set<string>();
    const stack = [...from.dependencies];
    while (stack.length > 0) {
        const urn = stack.pop()!;
        if (!seen.has(urn)) {
            seen.add(urn);
            stack.push(...(byUrn.get(urn)?.dependencies ?? []));
        }
    }
    return seen;
}
