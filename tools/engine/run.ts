// Runs a Pulumi program under the mock runtime with simulated providers, recording every registration.
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { useLazyDebugStacks } from "./lazy-debug-stacks";
import { RecordedResource, completedRecords, recordRegistrations } from "./recorder";
import { TriggerNotes } from "./replacement-trigger";
import { SimulationOptions, createSimulatedProviders } from "./simulate";

/** What to run and with which config. */
export interface RunOptions {
    /** Pulumi project name. */
    readonly project: string;
    /** Pulumi stack name. */
    readonly stack: string;
    /** Config by full key (`multicluster:clusters`), values as Pulumi passes them (objects as JSON text). */
    readonly config: Readonly<Record<string, string>>;
    /** Full keys whose values are secret. */
    readonly secretKeys: readonly string[];
    /** The program: creates resources, returns stack outputs. */
    readonly program: () => unknown;
    /** Run as a preview (unknown outputs stay unknown). Default false: a simulated `up`. */
    readonly preview?: boolean;
    /** Simulation options (remembered state, latency model). */
    readonly simulation?: SimulationOptions;
}

/** What a run produced. */
export interface RunResult {
    /** Every registered resource, in registration order. */
    readonly records: readonly RecordedResource[];
    /** Stack outputs, wire-encoded (secrets wrapped); undefined when the program failed. */
    readonly outputs: Record<string, unknown> | undefined;
    /** The error the program failed with, if any. */
    readonly error?: unknown;
}

/** How long a run that ended on an escaped error waits for the registrations still in flight. */
const LEFTOVER_GRACE_MS = 3000;

/** Runs the program to completion and returns what it registered. */
export async function runProgram(options: RunOptions): Promise<RunResult> {
    useLazyDebugStacks();
    pulumi.runtime.setAllConfig({ ...options.config }, [...options.secretKeys]);
    const triggers: TriggerNotes = new Map();
    const mocks = createSimulatedProviders(options.simulation, triggers);
    await pulumi.runtime.setMocks(mocks, options.project, options.stack, options.preview ?? false);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
    useRealEngineUrns(monitor, options.project, options.stack);
    const recording = recordRegistrations(monitor, triggers);
    const escapes = captureEscapes();
    let error: unknown;
    const ran = (async () => {
        try {
            await pulumi.runtime.runInPulumiStack(async () => options.program());
        } catch (caught) {
            error = caught;
        }
        try {
            await pulumi.runtime.disconnect();
            // One turn of the event loop, so a rejection nobody handled is seen (the whole run may happen in microtasks).
            await new Promise((resolve) => setImmediate(resolve));
        } catch (caught) {
            error = error ?? caught;
        }
    })();
    // An escaped error ends the run at once, as the language host ends `pulumi up`: a resource that depends on the
    // one that failed (and the final wait for every registration) would otherwise wait for it forever.
    await Promise.race([ran, escapes.first]);
    // Registrations still in flight after an escape would finish against the next run's monitor ("unknown resource"
    // there, or an uncaught error that ends the test worker): give them a bounded moment to land here.
    await Promise.race([ran, new Promise((resolve) => setTimeout(resolve, LEFTOVER_GRACE_MS).unref())]);
    escapes.stop();
    error = error ?? escapes.errors[0];
    if (error && recording.invokes.length > 0) {
        // The SDK replaces an invoke's error with a bare Error; name what was asked for instead.
        error = new Error(`no simulation for invoke ${recording.invokes.join(", ")}: the offline engine runs no provider functions`);
    }
    const completed = completedRecords(recording.records);
    const stack = completed.find((record) => record.type === "pulumi:pulumi:Stack");
    return { records: completed, outputs: error ? undefined : stack?.outputs, error };
}

/**
 * Errors the program lets escape while it runs (a rejected promise nobody handles, such as a component's check
 * failing inside an apply, or an exception in a callback): the run fails with the first, as `pulumi up` would,
 * instead of the process dying with a stack trace; `first` settles when the first one escapes.
 */
function captureEscapes(): { readonly errors: unknown[]; readonly first: Promise<void>; stop(): void } {
    const errors: unknown[] = [];
    let escaped: () => void = () => undefined;
    const first = new Promise<void>((resolve) => {
        escaped = resolve;
    });
    const record = (reason: unknown): void => {
        errors.push(reason);
        escaped();
    };
    process.on("unhandledRejection", record);
    process.on("uncaughtException", record);
    return {
        errors,
        first,
        stop: () => {
            process.off("unhandledRejection", record);
            process.off("uncaughtException", record);
        },
    };
}

/** The root stack's type: the real engine leaves it out of its children's URNs. */
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The URN the real engine gives a resource: its type qualified by the whole parent type chain
 * (`a$b$c`), the root stack left out. (The SDK mock keeps only the last parent type and keeps the root.)
 */
export function realEngineUrn(project: string, stack: string, parent: string, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function useRealEngineUrns(monitor: MockMonitor, project: string, stack: string): void {
    const patched = monitor as unknown as { newUrn: (parent: string, type: string, name: string) => string };
    patched.newUrn = (parent, type, name) => realEngineUrn(project, stack, parent, type, name);
}

/** True for errors that carry a user-facing message only (config validation, `pulumi.RunError`). */
export function isUserError(error: unknown): error is Error {
    return pulumi.RunError.isInstance(error) || pulumi.ResourceError.isInstance(error);
}
