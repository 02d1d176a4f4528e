// What differs between the Cilium chart lines this project renders for, read from the released charts (cilium/charts).
import { defaultVersions } from "../versions";

/** What the rendered values depend on in one chart line (`major.minor`). */
export interface CiliumChartLine {
    /** The line, e.g. `1.20`. */
    readonly line: string;
    /**
     * The templates read `clustermesh.disableKubernetesHostAliases` (1.20.0: `clustermesh-apiserver/deployment.yaml`
     * L514, `cilium-operator/deployment.yaml` L318, `cilium-agent/daemonset.yaml` L861); before 1.20 every peer IP
     * is a pod `hostAliases` entry of the clustermesh-apiserver, so a peer change rolls that pod once.
     */
    readonly hostAliasSwitch: boolean;
    /** The release whose chart these facts were read from. */
    readonly checkedAgainst: string;
}

/**
 * The chart lines the values are rendered for. Both take `clustermesh.config.clusters` as a map keyed by peer name
 * (schema `[object, array]` and the `clustermesh-clusters` helper of `templates/clustermesh-config/_helpers.tpl`, since
 * 1.19.0). 1.18 and older are refused: their schema types it as a list only (1.18.12 `values.schema.json`), and
 * with kube-proxy replacement the same clustermesh NodePort in every cluster sends agents to their own apiserver
 * (cilium/cilium#24692; the warning in 1.18.12 `values.yaml` is gone in 1.19.0). Lines after 1.20 are refused until
 * their chart has been read.
 */
export const CILIUM_CHART_LINES: readonly CiliumChartLine[] = [
    { line: "1.19", hostAliasSwitch: false, checkedAgainst: "1.19.6" },
    { line: "1.20", hostAliasSwitch: true, checkedAgainst: "1.20.0" },
];

/** The supported lines as a phrase, e.g. `1.19.x or 1.20.x`. */
export const SUPPORTED_CILIUM_LINES = CILIUM_CHART_LINES.map((entry) => `${entry.line}.x`).join(" or ");

/** The chart line of a version (`1.20.0` → the 1.20 facts), or undefined when it is not supported. */
export function ciliumChartLine(version: string): CiliumChartLine | undefined {
    const line = /^(\d+\.\d+)\.\d+$/.exec(version)?.[1];
    return CILIUM_CHART_LINES.find((entry) => entry.line === line);
}

/** The facts of the pinned chart (`versions.cilium` default). */
export function pinnedCiliumChartLine(): CiliumChartLine {
    const pinned = ciliumChartLine(defaultVersions.cilium);
    if (!pinned) {
        throw new Error(`internal: the pinned Cilium chart ${defaultVersions.cilium} has no entry in CILIUM_CHART_LINES`);
    }
    return pinned;
}

/** Why a chart version cannot be rendered for, or undefined when it can (one clause, for a validation sentence). */
export function ciliumVersionProblem(version: string): { problem: string; fix: string } | undefined {
    if (ciliumChartLine(version)) {
        return undefined;
    }
    return {
        problem:
            `is not a Cilium chart line this project renders values for (${SUPPORTED_CILIUM_LINES}; 1.18 and older take ` +
            "clustermesh.config.clusters only as a list and mis-route a shared clustermesh NodePort)",
        fix: `use ${defaultVersions.cilium} (the pinned chart) or another ${SUPPORTED_CILIUM_LINES} release`,
    };
}
