// What one benchmark run feeds the program: a lab stack's config or a synthetic one, its parsed form and node counts.
import * as path from "path";
import { parseStackConfig } from "../../stacks/validate";
import { StackConfig } from "../../stacks/config/types";
import { layers, selectedRow } from "../../stacks/layers";
import { readStackFiles } from "../engine/stack-files";
import { MeshKind, SyntheticOptions, syntheticStack } from "./synthetic";

/** Config of one run. */
export interface BenchInput {
    /** Stack name for the runtime. */
    readonly stack: string;
    /** Config by full key, values as Pulumi passes them. */
    readonly config: Record<string, string>;
    /** Secret full keys. */
    readonly secretKeys: readonly string[];
}

const projectDir = path.resolve(__dirname, "..", "..");

/** A lab stack's files (`Pulumi.<stack>.yaml`). */
export function labInput(stack: string): BenchInput {
    const files = readStackFiles(projectDir, stack);
    return { stack, config: files.config, secretKeys: files.secretKeys };
}

/** A synthetic mesh of `clusters` clusters. */
export function syntheticInput(kind: MeshKind, clusters: number, options: SyntheticOptions & { changed?: boolean } = {}): BenchInput {
    const stack = syntheticStack(kind, clusters, options);
    return { stack: "bench", config: stack.config, secretKeys: stack.secretKeys };
}

function decode(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** The validated stack config of an input (throws the program's own validation error). */
export function parsedConfig(input: BenchInput): StackConfig {
    const short = (key: string) => key.slice(key.indexOf(":") + 1);
    const values = Object.fromEntries(Object.entries(input.config)
        .filter(([key]) => !input.secretKeys.includes(key))
        .map(([key, value]) => [short(key), decode(value)]));
    return parseStackConfig({ project: "multicluster", stack: input.stack, values, secretKeys: input.secretKeys.map(short) });
}

/** Nodes per cluster (pods of a DaemonSet). */
export function nodeCounts(config: StackConfig): Record<string, number> {
    return Object.fromEntries(config.clusters.map((cluster) => [
        cluster.name, cluster.provisioner === "kubeadm" ? cluster.controlPlanes.length + cluster.workers.length : 1 + cluster.workers,
    ]));
}

/** The selected layer rows that are still placeholders (`pendingRow`), as `layer kind`. */
export function pendingRows(config: StackConfig): string[] {
    return layers.filter((layer) => selectedRow(layer, config).title.endsWith("(pending)"))
        .map((layer) => `${layer.name} ${layer.kindOf(config)}`);
}

/** Why a synthetic kind cannot be measured yet: its rows are pending, or its config no longer validates; else undefined. */
export function notReady(kind: MeshKind): string | undefined {
    try {
        const pending = pendingRows(parsedConfig(syntheticInput(kind, 3)));
        return pending.length > 0 ? `pending: ${pending.join(", ")} not wired yet` : undefined;
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return `synthetic config rejected: ${message.split("\n").slice(0, 2).join(" ").slice(0, 300)}`;
    }
}
