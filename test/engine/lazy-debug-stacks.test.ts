// The SDK's promise debug stacks, formatted on read: the leak report still names where each promise was made.
import { expect } from "chai";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import { useLazyDebugStacks } from "../../tools/engine/lazy-debug-stacks";

/** The SDK's internal exports this checks (its declarations leave them out). */
const sdk = debuggable as unknown as {
    debuggablePromise<T>(p: Promise<T>, ctx: string): Promise<T>;
    promiseDebugString(p: Promise<unknown>): string;
};

/** A named caller, so its frame can be found in the captured stack. */
function makeTrackedPromise(): Promise<unknown> {
    const made = Promise.resolve(42);
    void sdk.debuggablePromise(made, "the context");
    return made;
}

describe("lazy SDK debug stacks", () => {
    it("keep the SDK's promise tracking and report the caller's frame, the context and the id", async () => {
        useLazyDebugStacks();
        useLazyDebugStacks();
        expect(await sdk.debuggablePromise(Promise.resolve(7), "ctx")).to.equal(7);
        const tracked = makeTrackedPromise();
        expect(typeof (tracked as unknown as { _debugStackTrace: unknown })._debugStackTrace, "formatted only when read").to.equal(
            "object",
        );
        const report = sdk.promiseDebugString(tracked);
        expect(report).to.match(/^CONTEXT\(\d+\): the context\nSTACK_TRACE:\nError\n {4}at /);
        expect(report).to.contain("at makeTrackedPromise (").and.to.contain("lazy-debug-stacks.test.ts:");
    });
});
