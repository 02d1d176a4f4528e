// The SDK's debug stack traces, formatted only when read: the offline engine's runs spent half their CPU on them.
// `debuggablePromise` stores `new Error().stack` on each of the three promises per resource property, for a leak report
// printed at exit; under ts-node every such string is source-mapped frame by frame. Here the frames are captured as
// before and formatted when the report reads them, so a report says the same and nothing else changes.
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";

/** The SDK's exports object, writable as its CommonJS build leaves it. */
type DebuggableModule = { debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown> } & { lazyStacks?: true };

/** A stack trace that formats itself when printed (the leak report interpolates it into a string). */
class LazyStack {
    /** The captured frames. */
    private readonly captured: Error;

    constructor(captured: Error) {
        this.captured = captured;
    }

    toString(): string {
        return this.captured.stack ?? "";
    }
}

/** Replaces the SDK's `debuggablePromise` with one that defers formatting its stack trace; idempotent. */
export function useLazyDebugStacks(): void {
    const sdk = debuggable as unknown as DebuggableModule;
    if (sdk.lazyStacks || typeof sdk.debuggablePromise !== "function") {
        return;
    }
    const eager = sdk.debuggablePromise;
    sdk.debuggablePromise = function debuggablePromise(p, ctx) {
        const captured = new Error(); // frames are captured here and formatted only when read
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0; // the SDK's own `new Error().stack` is then just "Error": nothing to map
        let tracked: Promise<unknown>;
        try {
            tracked = eager(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
        (p as unknown as { _debugStackTrace: unknown })._debugStackTrace = new LazyStack(captured);
        return tracked;
    };
    sdk.lazyStacks = true;
}
