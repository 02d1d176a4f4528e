// Readiness as data: an Output that resolves once given resources exist, for a `ready` field of plain data args.
import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess, plainCluster } from "./cluster-access";

/**
 * An Output that resolves once every resource in `resources` is created and carries them as its dependencies: passed
 * as data (e.g. `AntreaAgentFacts.ready`), a component waits for exactly these resources through `dependencyOn`.
 */
export function readinessOf(resources: readonly pulumi.Resource[]): pulumi.Output<string> {
    return pulumi.all(resources.map((resource) => resource.urn)).apply(() => "ready");
}

/** `access` whose in-cluster resources also wait for `extra` (a component's `opts.dependsOn`, an install's readiness). */
export function waitingFor(access: ClusterAccess, extra: readonly pulumi.Input<pulumi.Resource>[]): ClusterAccess {
    if (extra.length === 0) {
        return access;
    }
    // Named, not spread: a provisioner's provider, ready and joined are accessors, which a spread leaves behind.
    return { ...plainCluster(access), provider: access.provider, ready: [...access.ready, ...extra], joined: [...access.joined, ...extra] };
}
