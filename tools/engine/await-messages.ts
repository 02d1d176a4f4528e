// One sentence per await problem: the cluster, both resources by Pulumi name, the objects, why it fails, the fix.
import { AwaitNode } from "./await-nodes";
import { AwaitRule, Need, describe } from "./await-rules";

/** How a need is not met. */
export type Shortfall = "deadlock" | "race" | "missing";

/** A provider in words: the object and its Pulumi name, or the Pulumi name of a script. */
function provider(node: AwaitNode): string {
    return node.object ? `${describe(node.object, node.object.metadata.namespace ?? "")} (${node.name})` : node.name;
}

/** Up to three providers, then a count. */
function providerList(nodes: readonly AwaitNode[]): string {
    const named = nodes.slice(0, 3).map(provider);
    const rest = nodes.length - named.length;
    const items = rest > 0 ? [...named, `${rest} more`] : named;
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** What a deadlocked await does. */
const NEVER_FINISHES = "the await can never finish and a real `pulumi up` fails when it times out (10 minutes by default)";

/** What happens, per rule, when a `before` need is not met (at create; for an Ingress, while its await runs). */
function createConsequence(rule: AwaitRule, shortfall: Shortfall): string {
    if (rule === "ingress") {
        return shortfall === "deadlock"
            ? NEVER_FINISHES
            : shortfall === "race"
              ? "its await times out (10 minutes by default) unless the controller happens to serve by then"
              : "its await times out (10 minutes by default) unless a controller of that class already runs in the cluster";
    }
    if (rule === "webhook") {
        return shortfall === "deadlock"
            ? "the API server rejects it (failurePolicy Fail) because nothing can serve the webhook yet"
            : "the API server rejects it (failurePolicy Fail) unless the webhook happens to be served already";
    }
    return shortfall === "deadlock"
        ? "its create can never succeed"
        : shortfall === "race"
          ? "its create fails unless they win the race within pulumi-kubernetes' create retries (6 tries over about 31 s)"
          : "its create fails unless it already exists in the cluster";
}

/** The sentence for one unmet need. */
export function problemSentence(cluster: string, need: Need, shortfall: Shortfall): string {
    const waiter = `${describe(need.waiter.object, need.waiter.namespace)} (${need.waiter.name})`;
    const plural = need.providers.length > 1;
    const list = providerList(need.providers);
    const ingress = need.rule === "ingress";
    if (shortfall === "missing") {
        const verb = ingress ? "run" : "create";
        return (
            `in cluster ${cluster}, ${waiter} needs ${need.what}, which no resource of the program is known to ${verb} there, ` +
            `so ${createConsequence(need.rule, shortfall)}; fix: ${need.fix}.`
        );
    }
    if (shortfall === "race") {
        const when = ingress ? "while its await runs" : "when it is created";
        return (
            `in cluster ${cluster}, ${waiter} needs ${need.what} ${when}, but it does not wait for ${list}, ` +
            `so ${createConsequence(need.rule, shortfall)}; fix: ${need.fix}.`
        );
    }
    const consequence = need.mode === "not-after" ? NEVER_FINISHES : createConsequence(need.rule, shortfall);
    return (
        `in cluster ${cluster}, ${waiter} ${need.mode === "not-after" ? "waits for" : "needs"} ${need.what}, ` +
        `which only ${list} ${plural ? "provide" : "provides"}, and ${plural ? "they wait" : "it waits"} for ${need.waiter.name}, ` +
        `so ${consequence}; fix: ${need.fix}.`
    );
}
