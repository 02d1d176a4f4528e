// Pulumi's documented unit-test mocks echo a resource's inputs as its state, so computed outputs (a certificate, a
// generated password, what the API server fills in) are absent there: the library treats such a value as unknown.
import * as pulumi from "@pulumi/pulumi";

/** True when the program runs under `pulumi.runtime.setMocks` (a unit test), never under the Pulumi engine. */
export function runsUnderMocks(): boolean {
    const monitor = pulumi.runtime.getMonitor() as { readonly mocks?: unknown } | undefined;
    return monitor?.mocks !== undefined;
}

/**
 * True when a value a provider computes is absent because mocks left it out. Under the engine it is always false:
 * every such output is set at `up` and applies never run on unknowns in a preview, so the caller runs as before
 * (and a value that is absent there still fails where it always did).
 */
export function absentUnderMocks(...values: readonly unknown[]): boolean {
    return values.some((value) => value === undefined || value === null) && runsUnderMocks();
}

/**
 * What a value derived from one that mocks left out is: unknown in a preview (as under the engine), absent at `up`
 * (mocks echo inputs as state, and an unknown inside an echoed list fails their deserialization).
 */
export function absentOutput<T>(): pulumi.Output<T> {
    const value = pulumi.runtime.isDryRun() ? pulumi.unknown : undefined;
    return pulumi.output(value as unknown as T) as pulumi.Output<T>;
}

/**
 * `derive` of a provider's computed output: under the engine exactly `value.apply(derive)`; under unit-test mocks
 * that left the value out, {@link absentOutput} instead of running `derive` on a value that is not there.
 */
export function whenComputed<T, U>(value: pulumi.Input<T>, derive: (value: T) => pulumi.Input<U>): pulumi.Output<U> {
    return pulumi
        .output(value as pulumi.Input<T>)
        .apply((known) => (absentUnderMocks(known) ? absentOutput<U>() : (pulumi.output(derive(known as T)) as pulumi.Output<U>)));
}
