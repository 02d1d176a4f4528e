// The one mocks harness: runs code under the engine's recording monitor (simulated providers, invokes fail).
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource } from "../tools/engine/recorder";
import { runProgram } from "../tools/engine/run";
import { isSecretValue, unwrapSecrets } from "../tools/engine/secret-values";

/** Options of a harness run. */
export interface HarnessOptions {
    /** Config by full key. */
    readonly config?: Record<string, string>;
    /** Full keys that are secret. */
    readonly secretKeys?: readonly string[];
    /** Run as a preview. */
    readonly preview?: boolean;
    /** Stack name (default "test"). */
    readonly stack?: string;
}

/** Everything a program registered, with lookups for graph assertions. */
export class RecordedGraph {
    constructor(
        /** Every registration in order. */
        readonly records: readonly RecordedResource[],
        /** The program's error, if it failed. */
        readonly error: unknown,
    ) {}

    /** All resources of a type. */
    ofType(type: string): RecordedResource[] {
        return this.records.filter((record) => record.type === type);
    }

    /** The one resource with this type and name; fails when absent. */
    find(type: string, name: string): RecordedResource {
        const found = this.records.find((record) => record.type === type && record.name === name);
        if (!found) {
            const names = this.records.map((record) => `${record.type}::${record.name}`).join(", ");
            throw new Error(`no ${type} named ${name}; registered: ${names}`);
        }
        return found;
    }

    /** Plain inputs (secrets unwrapped). */
    inputsOf(record: RecordedResource): Record<string, unknown> {
        return unwrapSecrets(record.inputs) as Record<string, unknown>;
    }

    /** True when the top-level input was registered as a secret. */
    isSecretInput(record: RecordedResource, key: string): boolean {
        return isSecretValue(record.inputs[key]);
    }

    /** True when `dependent` waits on `dependency` (directly). */
    dependsOn(dependent: RecordedResource, dependency: RecordedResource): boolean {
        return dependent.dependencies.includes(dependency.urn);
    }
}

/** Runs `program` under the harness and returns the recorded graph (the program's error is kept, not thrown). */
export async function recordProgram(program: () => unknown, options: HarnessOptions = {}): Promise<RecordedGraph> {
    const result = await runProgram({
        project: "multicluster",
        stack: options.stack ?? "test",
        config: options.config ?? {},
        secretKeys: options.secretKeys ?? [],
        preview: options.preview,
        program,
    });
    return new RecordedGraph(result.records, result.error);
}

/** Resolves an Output's value (works under the harness). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}
