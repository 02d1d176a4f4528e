// What a local or remote script vouches for in a cluster: CRDs it waits established, workloads it waits rolled out.
import { RecordedResource } from "./recorder";
import { unwrapSecrets } from "./secret-values";

/** A workload a script waits for (`kubectl -n <ns> rollout status <kind>/<name>`). */
export interface RolloutWait {
    /** Kind as kubectl spells it, lower case (`deployment`, `daemonset`, `statefulset`). */
    readonly kind: string;
    /** Namespace. */
    readonly namespace: string;
    /** Name. */
    readonly name: string;
}

const unquote = (word: string): string => word.replace(/^['"]|['"]$/g, "");

/** Bash arrays a script assigns literally (`crds=(a b c)`), by name. */
function arrays(script: string): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const match of script.matchAll(/^[ \t]*([A-Za-z_][A-Za-z0-9_]*)=\(([^)]*)\)[ \t]*$/gm)) {
        found.set(
            match[1],
            match[2]
                .trim()
                .split(/\s+/)
                .filter((word) => word !== "")
                .map(unquote),
        );
    }
    return found;
}

/**
 * Words of each `for <var> in <words>; do` loop of a script, by variable (a loop over CRD names); a loop over a
 * literal array (`for crd in "${crds[@]}"; do`) takes the array's words.
 */
function loopWords(script: string): Map<string, string[]> {
    const named = arrays(script);
    const loops = new Map<string, string[]>();
    for (const match of script.matchAll(/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([^;\n]*);\s*do\b/g)) {
        const words = match[2]
            .trim()
            .split(/\s+/)
            .filter((word) => word !== "")
            .map(unquote);
        const array = words.length === 1 ? /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[@\]\}$/.exec(words[0]) : null;
        loops.set(match[1], array ? (named.get(array[1]) ?? []) : words);
    }
    return loops;
}

/**
 * Shell functions that check a CRD named by their first argument is established (a body that reads `crd "$1"`
 * and its Established condition), such as `crd_established() { [[ "$(kubectl get crd "$1" -o jsonpath=...)" ... }`.
 */
function crdCheckFunctions(script: string): string[] {
    return [...script.matchAll(/^[ \t]*([A-Za-z_][A-Za-z0-9_]*)\s*\(\)\s*\{\n([\s\S]*?)\n[ \t]*\}[ \t]*$/gm)]
        .filter((match) => /\bcrds?\b[^\n]*"?\$\{?1\b/.test(match[2]) && /established/i.test(match[2]))
        .map((match) => match[1]);
}

/**
 * CRDs a script waits for: `kubectl wait --for condition=established ... crd/<name>` (also
 * `customresourcedefinition[s][.apiextensions.k8s.io]/<name>`, `crd/$var` inside `for var in <names>; do`, and
 * `<fn> <name>` for a function that checks `crd "$1"` is established). Such a script is where the CRD comes from
 * for what depends on it (an operator that registers its CRDs at start, a chart whose contents are not visible).
 */
export function crdsWaitedBy(script: string): string[] {
    const loops = loopWords(script);
    const kind = String.raw`\b(?:crd|crds|customresourcedefinitions?(?:\.apiextensions\.k8s\.io)?)\/`;
    const waits = script
        .split("\n")
        .filter((line) => /\bwait\b/.test(line) && /condition=established/i.test(line))
        .flatMap((line) =>
            [
                ...[...line.matchAll(new RegExp(`${kind}('?[a-z0-9.-]+'?)`, "g"))].map((match) => [unquote(match[1])]),
                ...[...line.matchAll(new RegExp(`${kind}"?\\$\\{?([A-Za-z_][A-Za-z0-9_]*)`, "g"))].map(
                    (match) => loops.get(match[1]) ?? [],
                ),
            ].flat(),
        );
    const calls = crdCheckFunctions(script).flatMap((fn) =>
        [...script.matchAll(new RegExp(`(?:^|[\\s;&|(!])${fn}\\s+('?[a-z0-9][a-z0-9.-]*\\.[a-z0-9.-]+'?)`, "gm"))].map((match) =>
            unquote(match[1]),
        ),
    );
    return [...waits, ...calls];
}

/**
 * Shell functions that check a workload named by their arguments is rolled out: a body that reads
 * `-n "$1" get <kind> "$2"` and its available replicas or pods, such as `rolled_out` and `ds_rolled_out` of
 * `components/linkerd/gate-shell.ts` (kubectl's rollout-status rules as one bounded read). By name, with the kind.
 */
function rolloutCheckFunctions(script: string): Map<string, string> {
    const found = new Map<string, string>();
    for (const match of script.matchAll(/^[ \t]*([A-Za-z_][A-Za-z0-9_]*)\s*\(\)\s*\{\n([\s\S]*?)\n[ \t]*\}[ \t]*$/gm)) {
        const kind = /\bget\s+"?([a-z]+)"?\s+"?\$\{?2\b/.exec(match[2]);
        if (kind && /\s(?:-n|--namespace)[\s=]+"?\$\{?1\b/.test(match[2]) && /available/i.test(match[2])) {
            found.set(match[1], kind[1]);
        }
    }
    return found;
}

/**
 * Workloads a script waits rolled out: `kubectl -n <ns> rollout status <kind>/<name>` (either order of the flags),
 * and `<fn> <ns> <name>` for a function that checks such a rollout ({@link rolloutCheckFunctions}).
 */
export function rolloutsWaitedBy(script: string): RolloutWait[] {
    const direct = script.split("\n").flatMap((line) => {
        const target = /\brollout\s+status\s+('?[a-z]+'?)\/('?[a-z0-9.-]+'?)/.exec(line);
        const namespace = /\s(?:-n|--namespace)[\s=]+('?[a-z0-9-]+'?)/.exec(line);
        return target && /\bkubectl\b/.test(line)
            ? [{ kind: unquote(target[1]), name: unquote(target[2]), namespace: namespace ? unquote(namespace[1]) : "default" }]
            : [];
    });
    const calls = [...rolloutCheckFunctions(script)].flatMap(([fn, kind]) =>
        [...script.matchAll(new RegExp(`(?:^|[\\s;&|(!])${fn}\\s+('?[a-z0-9-]+'?)\\s+('?[a-z0-9.-]+'?)(?=[\\s;&|)]|$)`, "gm"))].map(
            (match) => ({ kind, namespace: unquote(match[1]), name: unquote(match[2]) }),
        ),
    );
    return [...direct, ...calls];
}

/** A Kubernetes provider as a script can be matched to it. */
export interface ProviderIdentity {
    /** Provider URN. */
    readonly urn: string;
    /** Its kubeconfig (plain text). */
    readonly kubeconfig: string | undefined;
    /** Its `clusterIdentifier` (`<name>@<incarnation>`). */
    readonly clusterIdentifier: string | undefined;
}

/** Kubernetes providers of a run, with what identifies their cluster. */
export function providerIdentities(records: readonly RecordedResource[]): ProviderIdentity[] {
    return records
        .filter((record) => record.type === "pulumi:providers:kubernetes")
        .map((record) => {
            const inputs = unwrapSecrets(record.inputs) as Record<string, unknown>;
            const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
            return { urn: record.urn, kubeconfig: text(inputs.kubeconfig), clusterIdentifier: text(inputs.clusterIdentifier) };
        });
}

/**
 * The provider (cluster) a script talks to: the one whose kubeconfig it reads on stdin, else the one whose
 * `clusterIdentifier` is among its triggers (a cluster script's first trigger is its cluster's incarnation).
 */
export function scriptCluster(inputs: Record<string, unknown>, providers: readonly ProviderIdentity[]): string | null {
    const stdin = inputs.stdin;
    const byKubeconfig = typeof stdin === "string" ? providers.find((provider) => provider.kubeconfig === stdin) : undefined;
    if (byKubeconfig) {
        return byKubeconfig.urn;
    }
    const triggers = Array.isArray(inputs.triggers) ? inputs.triggers : [];
    return (
        providers.find((provider) => provider.clusterIdentifier !== undefined && triggers.includes(provider.clusterIdentifier))?.urn ?? null
    );
}
