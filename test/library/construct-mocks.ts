// Runs a component provider's construct as the engine would call it, under Pulumi's documented setMocks (state = inputs),
// and reports the URN, the returned state, whether its kubeconfig is secret, what registered and the error.
import * as pulumi from "@pulumi/pulumi";
import type { ConstructResult, Provider } from "@pulumi/pulumi/provider";

/** What one construct under the mocks gave. */
export interface ConstructRun {
    /** The component's URN (undefined when construct failed). */
    readonly urn?: string;
    /** The state construct returned (empty when it failed). */
    readonly state: Record<string, unknown>;
    /** Whether `state.kubeconfig` is a secret Output (undefined when there is none). */
    readonly secret?: boolean;
    /** Every registration, as `<type>::<name>`, in order. */
    readonly registered: string[];
    /** The error construct threw, if any. */
    readonly error: unknown;
}

/** Resolves an Output under the mocks (an unknown one never resolves: `undefined` after a second). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T | undefined> {
    return new Promise((resolve) => {
        output.apply((value) => resolve(value));
        setTimeout(() => resolve(undefined), 1000);
    });
}

/** Constructs `type` named `name` from `inputs` through `provider.construct` inside a stack run under the mocks (`up`). */
export async function constructUnderMocks(provider: Provider, name: string, type: string, inputs: pulumi.Inputs): Promise<ConstructRun> {
    const registered: string[] = [];
    pulumi.runtime.setAllConfig({}, []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } => {
                registered.push(`${args.type}::${args.name}`);
                return { id: `${args.name}_id`, state: args.inputs as Record<string, unknown> };
            },
            call: (args: pulumi.runtime.MockCallArgs): Record<string, unknown> => args.inputs as Record<string, unknown>,
        },
        "project",
        "stack",
        false,
    );
    let run: ConstructRun = { state: {}, registered, error: undefined };
    try {
        await pulumi.runtime.runInPulumiStack(async () => {
            const result: ConstructResult = await provider.construct!(name, type, inputs, {});
            const kubeconfig = result.state.kubeconfig;
            const secret = pulumi.Output.isInstance(kubeconfig) ? await pulumi.isSecret(kubeconfig) : undefined;
            const urn = await valueOf(pulumi.output(result.urn));
            run = { urn, state: result.state as Record<string, unknown>, secret, registered, error: undefined };
            return undefined;
        });
        await pulumi.runtime.disconnect();
    } catch (error) {
        run = { ...run, error };
    }
    // Registrations still in flight settle before the next test sets its mocks.
    await new Promise((resolve) => setImmediate(resolve));
    return run;
}
