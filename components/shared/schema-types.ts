// Types the multi-language schema can carry (Pulumi's component analyzer): free-form values and option helpers.
import * as pulumi from "@pulumi/pulumi";

/**
 * Free-form chart values (the `values` escape hatch): a JSON object. The analyzer maps only `any` to the schema's
 * `pulumi.json#/Any` (`unknown` is refused), so this one alias carries it; code reads it as `Record<string, unknown>`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema's Any has no other TypeScript form
export type JsonObject = { [key: string]: any };

/** The resources a component's `opts.dependsOn` names, as a list its in-cluster children add to their own. */
export function optionDependencies(opts: pulumi.ComponentResourceOptions | undefined): pulumi.Input<pulumi.Resource>[] {
    const given = opts?.dependsOn;
    if (given === undefined) {
        return [];
    }
    return Array.isArray(given) ? [...(given as pulumi.Input<pulumi.Resource>[])] : [given as pulumi.Input<pulumi.Resource>];
}
