// A state record of settings that must not change on a running system: `pulumi preview` fails when one does.
import * as pulumi from "@pulumi/pulumi";

/** One recorded setting: its value, and how the refusal names it. */
export interface GuardedSetting {
    /** The value (plain and never secret: it is kept in state and shown in the refusal). */
    readonly value: string | number | boolean;
    /** The config key that sets it, e.g. `clusters[0].id` (the fix names it). */
    readonly key: string;
    /** What it is, e.g. `the Cilium cluster ID of k8s-cilium-01`. */
    readonly what: string;
}

/** Inputs (and outputs) of a {@link SettingGuard}. */
export interface SettingGuardArgs {
    /** What the settings belong to, e.g. `Cilium Cluster Mesh cilium-mesh` (the record's ID). */
    readonly subject: string;
    /** Why they cannot change on the running system; completes "..., but <reason>". */
    readonly reason: string;
    /** Where to read how to change one deliberately, e.g. `docs/cilium.md`. */
    readonly doc: string;
    /** The settings, by a stable identity that never holds a list position (a name, not an index). */
    readonly settings: Readonly<Record<string, GuardedSetting>>;
}

/** One refusal: the property Pulumi reports and the sentence. */
export interface SettingChangeFailure {
    /**
     * Always empty: the engine then prints `<type> resource '<name>' has a problem: <reason>`; with a property it would
     * also print that property's whole value, here every recorded setting (pulumi/pulumi `issueCheckFailures`).
     */
    readonly property: string;
    /** One sentence naming the key, the new and the recorded value, why, and the fix. */
    readonly reason: string;
}

/**
 * Every recorded setting whose value changed, as one sentence each; settings only on one side (added, removed)
 * are not changes. Self-contained (no imports, nothing captured): a dynamic provider serialises the functions it
 * calls into state, and runs them in a fresh process.
 */
export function settingChangeFailures(olds: Partial<SettingGuardArgs> | undefined, news: SettingGuardArgs): SettingChangeFailure[] {
    const recorded = olds?.settings ?? {};
    const show = (value: unknown): string => JSON.stringify(value);
    return Object.keys(news.settings)
        .sort()
        .flatMap((id) => {
            const before = recorded[id];
            const after = news.settings[id];
            if (before === undefined || before === null || before.value === after.value) {
                return [];
            }
            return [
                {
                    property: "",
                    reason:
                        `${after.key} = ${show(after.value)} changes ${after.what} from ${show(before.value)}, but ${news.reason}; ` +
                        `fix: set ${after.key} back to ${show(before.value)} (to change it deliberately, see ${news.doc}).`,
                },
            ];
        });
}

/**
 * Provider of the record. `check` runs in every preview with the recorded (old) and the configured (new) inputs,
 * so a changed setting fails the preview before any step runs; the record itself touches nothing.
 */
export const settingGuardProvider: pulumi.dynamic.ResourceProvider = {
    async check(olds: Partial<SettingGuardArgs>, news: SettingGuardArgs) {
        const failures = settingChangeFailures(olds, news);
        return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
    },
    async diff(_id: string, olds: SettingGuardArgs, news: SettingGuardArgs) {
        const text = (args: SettingGuardArgs) => JSON.stringify([args.subject, args.reason, args.doc, args.settings]);
        return { changes: text(olds) !== text(news) };
    },
    async create(inputs: SettingGuardArgs) {
        return { id: inputs.subject, outs: inputs };
    },
    async update(_id: string, _olds: SettingGuardArgs, news: SettingGuardArgs) {
        return { outs: news };
    },
};

/**
 * A record of settings that must not change once a system runs (a dynamic resource; it creates nothing outside
 * Pulumi's state). Make what applies them depend on it, so `up` without a preview stops before applying them too.
 */
export class SettingGuard extends pulumi.dynamic.Resource {
    constructor(name: string, args: SettingGuardArgs, opts?: pulumi.CustomResourceOptions) {
        super(settingGuardProvider, name, { ...args }, opts);
    }
}
