// The `--against` check of version jumps: each resource PREV deployed, against the same URN now, by the areas' rules.
import { upgradeSkewProblem } from "../../components/kubeadm/upgrade-skew";
import { ConfigValidationError, ValidationIssue, issue } from "../../components/shared/validation";
import { areaList } from "../../stacks/areas";
import { VersionJump } from "../../stacks/areas/version-jumps";
import { RecordedResource } from "./recorder";
import { Against } from "./render-state";
import { RunResult } from "./run";

/**
 * The kubeadm provisioner's rule (it is no area): a running cluster moves one minor up at a time and never down, as
 * `kubeadm upgrade` allows (components/kubeadm/upgrade-skew.ts). `pulumi preview` cannot see the deployed version
 * without a provider; the offline diff has PREV's state, and the first control plane's upgrade step refuses on `up`.
 */
export const KUBERNETES_VERSION_JUMP: VersionJump = {
    key: "versions.kubernetes",
    source: "kubernetes@v1.36.1 cmd/kubeadm/app/phases/upgrade/policy.go EnforceVersionPolicies",
    deployed: (resource) =>
        resource.type === "multicluster:kubeadm:KubeadmCluster" && typeof resource.inputs.kubernetesVersion === "string"
            ? resource.inputs.kubernetesVersion
            : undefined,
    refuse: (from, to) => upgradeSkewProblem("versions.kubernetes", from, to),
    where: (name) => `running cluster ${name}`,
};

/** Every rule: the provisioners' and the ones the areas declare (stacks/areas/<area>/version-jumps.ts). */
export function declaredVersionJumps(): VersionJump[] {
    return [KUBERNETES_VERSION_JUMP, ...areaList.flatMap((area) => [...(area.versionJumps ?? [])])];
}

/** The cluster each record's provider stands for (its `clusterIdentifier`, as text), by the record's URN. */
function clustersOf(records: readonly RecordedResource[]): Map<string, string> {
    const identifiers = new Map(records.map((record) => [record.urn, JSON.stringify(record.inputs.clusterIdentifier ?? null)] as const));
    return new Map(
        records.map((record) => [record.urn, record.provider === null ? "" : `${record.provider}=${identifiers.get(record.provider)}`]),
    );
}

/**
 * The jumps upstream refuses between PREV's records (what is deployed) and this run's: one issue per key and pair
 * of versions, naming the key, both versions and the fix. A resource new in this run, or in a cluster this run
 * creates again (its provider's `clusterIdentifier` changed), has nothing deployed to jump from.
 */
export function versionJumpIssues(
    before: readonly RecordedResource[],
    after: readonly RecordedResource[],
    rules: readonly VersionJump[] = declaredVersionJumps(),
): ValidationIssue[] {
    const deployed = new Map(before.map((record) => [record.urn, record] as const));
    const [clustersBefore, clustersAfter] = [clustersOf(before), clustersOf(after)];
    const found = new Map<string, ValidationIssue>();
    for (const record of after) {
        const previous = deployed.get(record.urn);
        const upgraded = previous !== undefined && clustersBefore.get(record.urn) === clustersAfter.get(record.urn);
        for (const rule of upgraded ? rules : []) {
            const [from, to] = [rule.deployed(previous as RecordedResource), rule.deployed(record)];
            const refusal = from !== undefined && to !== undefined && from !== to ? rule.refuse(from, to) : undefined;
            const where = rule.where?.(record.name);
            const seen = `${rule.key}\n${from}\n${to}\n${where ?? ""}`;
            if (refusal && !found.has(seen)) {
                found.set(seen, issue(rule.key, to, where ? `${refusal.problem} (${where})` : refusal.problem, refusal.fix));
            }
        }
    }
    return [...found.values()];
}

/** The run, failed with one ConfigValidationError when it ran and jumps from PREV's versions that upstream refuses. */
export function refuseVersionJumps(run: RunResult, stack: string, against: Against | undefined): RunResult {
    const issues = against && !run.error ? versionJumpIssues(against.state.resources, run.records) : [];
    return issues.length > 0
        ? { ...run, error: new ConfigValidationError(`stack ${stack} as an update from ${against?.dir}`, issues) }
        : run;
}
