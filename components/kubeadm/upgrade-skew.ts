// The version skew rule of a kubeadm upgrade: one minor at a time and never down, for the offline diff and the scripts alike.
import { ValidationIssue, issue } from "../shared/validation";

/** A `1.<minor>.<patch>` version as numbers. */
interface Parsed {
    /** Minor release. */
    readonly minor: number;
    /** Patch release. */
    readonly patch: number;
}

function parse(version: string): Parsed | undefined {
    const match = /^v?1\.(\d+)\.(\d+)$/.exec(version);
    return match ? { minor: Number(match[1]), patch: Number(match[2]) } : undefined;
}

/**
 * Why the running version `from` cannot become `to` in one `kubeadm upgrade`, or undefined when it can (or either
 * is not a release version, which value validation reports). kubeadm refuses more than one minor up
 * (cmd/kubeadm/app/phases/upgrade/policy.go@v1.36.1 MaximumAllowedMinorVersionUpgradeSkew); it would take one
 * minor down, but a downgrade is never planned here: etcd and the API objects are not migrated back.
 */
export function upgradeSkewProblem(key: string, from: string, to: string): { problem: string; fix: string } | undefined {
    const [old, next] = [parse(from), parse(to)];
    if (!old || !next) {
        return undefined;
    }
    if (next.minor < old.minor || (next.minor === old.minor && next.patch < old.patch)) {
        return {
            problem: `would downgrade the running cluster from ${from} to ${to}, which KubeadmCluster never does`,
            fix: `set ${key} back to ${from} or to a later version (a downgrade is a rebuild: a new cluster from a backup)`,
        };
    }
    if (next.minor > old.minor + 1) {
        return {
            problem: `skips from ${from} to ${to}, more than the one minor kubeadm upgrades at a time`,
            fix: `set ${key} to 1.${old.minor + 1}.x first and run pulumi up, then ${to}`,
        };
    }
    return undefined;
}

/** The rule as a validation issue on `key` (the standard sentence names the key, both versions and the fix). */
export function upgradeSkewIssue(key: string, from: string, to: string): ValidationIssue | undefined {
    const found = upgradeSkewProblem(key, from, to);
    return found ? issue(key, to, found.problem, found.fix) : undefined;
}
