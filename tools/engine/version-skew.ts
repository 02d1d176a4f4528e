// The offline diff's upgrade check: a kubeadm cluster's version change from PREV's state must be one kubeadm can make.
import { ConfigValidationError, ValidationIssue, issue } from "../../components/shared/validation";
import { upgradeSkewProblem } from "../../components/kubeadm/upgrade-skew";
import { RecordedResource } from "./recorder";

/** Type of the kubeadm cluster component, whose recorded inputs carry `kubernetesVersion`. */
const KUBEADM_CLUSTER = "multicluster:kubeadm:KubeadmCluster";

/** The stack key the version comes from (stacks/layers/provision.ts maps the component's kubernetesVersion to it). */
const KEY = "versions.kubernetes";

/** The recorded Kubernetes version of every kubeadm cluster, by URN. */
function versions(records: readonly RecordedResource[]): Map<string, { name: string; version: string }> {
    return new Map(
        records
            .filter((record) => record.type === KUBEADM_CLUSTER && typeof record.inputs.kubernetesVersion === "string")
            .map((record) => [record.urn, { name: record.name, version: String(record.inputs.kubernetesVersion) }]),
    );
}

/**
 * The refusal of an update that would move a running kubeadm cluster more than one minor up, or down (the rule of
 * `kubeadm upgrade`, components/kubeadm/upgrade-skew.ts), or undefined. `pulumi preview` cannot see the deployed
 * version without a provider; the offline diff has PREV's state, so it refuses here, and the first control plane's
 * upgrade step refuses on `pulumi up` before it changes anything.
 */
export function versionSkewError(
    before: readonly RecordedResource[],
    after: readonly RecordedResource[],
): ConfigValidationError | undefined {
    const old = versions(before);
    const issues: ValidationIssue[] = [];
    for (const [urn, now] of versions(after)) {
        const was = old.get(urn);
        const found = was === undefined ? undefined : upgradeSkewProblem(KEY, was.version, now.version);
        if (found) {
            issues.push(issue(KEY, now.version, `${found.problem} (running cluster ${now.name})`, found.fix));
        }
    }
    return issues.length > 0 ? new ConfigValidationError("Kubernetes upgrade", issues) : undefined;
}
