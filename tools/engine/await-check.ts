// The await checker: would a real `pulumi up` of these registrations wait forever, or fail a create on ordering?
//
// pulumi-kubernetes awaits what it creates (Services, workloads, Jobs, token Secrets; every object of a yaml/v2
// group unless `skipAwait`), and a resource starts only once everything it depends on is done. The mock runtime
// awaits nothing, so a program can render cleanly and still deadlock a real `up`: an object whose await needs
// something that only a resource waiting for it provides, or whose create needs a CRD, Namespace or served
// webhook that nothing before it provides, or an Ingress whose controller does not serve yet. Rules: `await-rules.ts`,
// `await-webhooks.ts`, `await-ingress.ts`; only what the program registers or declares (`components/shared/fetched-manifest.ts`,
// `components/ingress/controllers.ts`) is judged, never the contents of a Helm chart.
import * as pulumi from "@pulumi/pulumi";
import { FetchedManifest } from "../../components/shared/fetched-manifest";
import { buildIndex } from "./await-index";
import { ingressNeeds } from "./await-ingress";
import { problemSentence, Shortfall } from "./await-messages";
import { awaitNodes } from "./await-nodes";
import { Ordering } from "./await-order";
import {
    AwaitRule,
    Need,
    crdNeeds,
    loadBalancerNeeds,
    namespaceNeeds,
    podReferenceNeeds,
    servicePodNeeds,
    tokenSecretNeeds,
} from "./await-rules";
import { webhookNeedsOf } from "./await-webhooks";
import { declaredManifests } from "./fetch-sim";
import { RecordedResource } from "./recorder";
import { unwrapSecrets } from "./secret-values";

/** One problem a real `up` would hit. */
export interface AwaitProblem {
    /** The rule that found it. */
    readonly rule: AwaitRule;
    /** The cluster's name. */
    readonly cluster: string;
    /** One sentence: both resources, the objects, why, and the fix. */
    readonly message: string;
}

/** Cluster names by provider URN (the name part of `clusterIdentifier`, else the provider's name). */
function clusterNames(records: readonly RecordedResource[]): Map<string, string> {
    return new Map(
        records
            .filter((record) => record.type === "pulumi:providers:kubernetes")
            .map((record) => {
                const identifier = (unwrapSecrets(record.inputs) as Record<string, unknown>).clusterIdentifier;
                return [record.urn, typeof identifier === "string" && identifier !== "" ? identifier.split("@")[0] : record.name];
            }),
    );
}

/** How a need is not met, or undefined when it is. */
export function shortfallOf(need: Need, ordering: Ordering): Shortfall | undefined {
    const waiter = need.waiter.id;
    const allAfter = need.providers.length > 0 && need.providers.every((provider) => ordering.waitsFor(provider.id, waiter));
    if (need.mode === "not-after") {
        return allAfter ? "deadlock" : undefined;
    }
    if (need.providers.length === 0) {
        return need.required ? "missing" : undefined;
    }
    if (need.providers.some((provider) => ordering.waitsFor(waiter, provider.id))) {
        return undefined;
    }
    return allAfter ? "deadlock" : "race";
}

/** Every need of a run, by rule. */
function needsOf(
    records: readonly RecordedResource[],
    declared: ReadonlyMap<string, FetchedManifest>,
): { needs: Need[]; ordering: Ordering } {
    const nodes = awaitNodes(records, declared);
    const index = buildIndex(nodes);
    const ordering = new Ordering(nodes);
    const needs = [
        ...crdNeeds(index),
        ...namespaceNeeds(index),
        ...loadBalancerNeeds(index),
        ...podReferenceNeeds(index),
        ...tokenSecretNeeds(index),
        ...servicePodNeeds(index, ordering),
        ...webhookNeedsOf(index, ordering),
        ...ingressNeeds(index),
    ];
    return { needs, ordering };
}

/** Checks a run's registrations; `declared` defaults to every declared fetched manifest. */
export function checkAwaits(
    records: readonly RecordedResource[],
    declared: ReadonlyMap<string, FetchedManifest> = declaredManifests(),
): AwaitProblem[] {
    const { needs, ordering } = needsOf(records, declared);
    const names = clusterNames(records);
    return needs.flatMap((need) => {
        const shortfall = shortfallOf(need, ordering);
        const cluster = need.waiter.cluster === null ? "(default provider)" : (names.get(need.waiter.cluster) ?? need.waiter.cluster);
        return shortfall ? [{ rule: need.rule, cluster, message: problemSentence(cluster, need, shortfall) }] : [];
    });
}

/** The render's error for await problems: a user error (message only, exit 1), one line per problem. */
export function awaitFailure(stack: string, problems: readonly AwaitProblem[]): pulumi.RunError {
    const count = `${problems.length} await problem${problems.length === 1 ? "" : "s"}`;
    return new pulumi.RunError(
        [`stack ${stack}: a real \`pulumi up\` would not finish (${count}):`, ...problems.map((problem) => `  - ${problem.message}`)].join(
            "\n",
        ),
    );
}
