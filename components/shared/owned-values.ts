// The one check of a Helm escape hatch against the values the project owns: which leaves override or replace them.
import { ValidationIssue, issue } from "./validation";
import { ValueLeaf, isPlainObject, leafPath, pathWithin, valueLeaves } from "./values-merge";

/**
 * A Helm value the project renders from a first-class setting. `key` is dotted as a chart's values.yaml spells it
 * (`cluster.name`); a key that holds dots is quoted as a printed key path quotes it (`annotations["lbipam.cilium.io/ips"]`);
 * a trailing `.*` owns the whole subtree (`ipam.*`).
 */
export interface OwnedValue {
    /** Dotted chart key; a trailing `.*` owns the whole subtree. */
    readonly key: string;
    /** The first-class setting to use instead, e.g. `clusters[].name`. */
    readonly setting: string;
}

/** What is wrong with a leaf and how to fix it, as {@link issue} takes them. */
export interface OwnedProblem {
    /** What is wrong. */
    readonly problem: string;
    /** How to fix it. */
    readonly fix: string;
}

/** How an area words the two findings (each area keeps its own sentences). */
export interface OwnedWording {
    /** A leaf at or under an owned value: `owner` is the most specific owned value it overrides. */
    readonly overrides: (owner: OwnedValue, leaf: ValueLeaf, at: string) => OwnedProblem;
    /** A leaf (not a map) that replaces a map holding owned values: `inside` lists them in the order given. */
    readonly replaces: (inside: readonly OwnedValue[], leaf: ValueLeaf, at: string) => OwnedProblem;
}

/** The keys of an owned value's path, without its `.*`: dots separate keys, `["a.b"]` is one key holding dots. */
export function ownedKeys(key: string): string[] {
    const path = key.endsWith(".*") ? key.slice(0, -2) : key;
    const keys = path.matchAll(/\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g);
    return [...keys].map(([, quoted, plain]) => (quoted !== undefined ? (JSON.parse(`"${quoted}"`) as string) : plain));
}

/** True when `keys` starts with every key of `prefix`. */
function startsWithKeys(keys: readonly string[], prefix: readonly string[]): boolean {
    return prefix.length <= keys.length && prefix.every((key, index) => keys[index] === key);
}

/** The owned value a leaf overrides (at or under it; the most specific one), and the owned values under a leaf that replaces their map. */
export function ownedMatch(
    leaf: ValueLeaf,
    owned: readonly OwnedValue[],
): { readonly owner?: OwnedValue; readonly inside: readonly OwnedValue[] } {
    const parsed = owned.map((entry) => ({ entry, keys: ownedKeys(entry.key) }));
    const owner = parsed.filter(({ keys }) => startsWithKeys(leaf.keys, keys)).sort((a, b) => b.keys.length - a.keys.length)[0]?.entry;
    const inside =
        owner || isPlainObject(leaf.value)
            ? []
            : parsed.filter(({ keys }) => keys.length > leaf.keys.length && startsWithKeys(keys, leaf.keys));
    return { owner, inside: inside.map(({ entry }) => entry) };
}

/** The words the shared check uses by default: the owned value's setting, and the key to remove from `at`. */
export const PROJECT_SETS: OwnedWording = {
    overrides: (owner, leaf, at) => ({
        problem: `overrides a value the project sets from ${owner.setting}`,
        fix: `use ${owner.setting} instead, and remove ${leafPath("", leaf.keys)} from ${at}`,
    }),
    replaces: ([first], leaf, at) => ({
        problem: `replaces ${first.key.replace(/\.\*$/, "")}, which the project sets from ${first.setting}`,
        fix: `use ${first.setting} instead, and remove ${leafPath("", leaf.keys)} from ${at}`,
    }),
};

/** Options of {@link ownedValueIssues}. */
export interface OwnedCheckOptions {
    /** The sentences of the two findings; @default {@link PROJECT_SETS}. */
    readonly wording?: OwnedWording;
    /** Issues already found: leaves at or under their paths are left out. */
    readonly reported?: readonly ValidationIssue[];
}

/**
 * Issues for every leaf of a Helm escape hatch (`values`, merged last) that would override a value the project owns
 * (a leaf at or under an owned key) or replace a map holding one (a leaf that is not a map, above an owned key).
 * `at` is the config path of the escape hatch (`cni.values`); keys are compared one by one, so a key holding dots
 * (`{"a.b": 1}`) is never the path `a.b`. An empty map merges to nothing and is never refused.
 */
export function ownedValueIssues(
    values: Readonly<Record<string, unknown>> | undefined,
    owned: readonly OwnedValue[],
    at: string,
    options: OwnedCheckOptions = {},
): ValidationIssue[] {
    const wording = options.wording ?? PROJECT_SETS;
    return valueLeaves(values ?? {}).flatMap((leaf) => {
        const path = leafPath(at, leaf.keys);
        if ((options.reported ?? []).some((entry) => pathWithin(path, entry.path))) {
            return [];
        }
        const { owner, inside } = ownedMatch(leaf, owned);
        const found = owner ? wording.overrides(owner, leaf, at) : inside.length > 0 ? wording.replaces(inside, leaf, at) : undefined;
        return found ? [issue(path, leaf.value, found.problem, found.fix)] : [];
    });
}
