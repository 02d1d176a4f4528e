// Checks of the AMKO settings before anything is created: the federation, the GSLB leader controller and the GlobalDeploymentPolicy.
import { dialHostProblem, labelKeyProblem, labelValueProblem } from "../shared/value-kinds";
import { ValidationIssue, issue, keyPath, useOneOf } from "../shared/validation";
import { OwnedValue, ownedValueIssues } from "../shared/owned-values";
import { imageValueIssues } from "../shared/values-merge";
import { GslbPolicy, GslbSettings } from "./types";
import { AVI_WORDING, AviCheckOptions, CONTROLLER_VERSION, problemIssue } from "./validate";
import { aviNameProblem, yamlPlainProblem } from "./value-rules";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** DNS TTL bounds of a GDP (`AMKO@release-2.1.1:docs/crds/gdp.md`: "The value can range from 1-86400 seconds"). */
const TTL = { min: 1, max: 86400 } as const;

/** AMKO chart keys the project renders. */
const AMKO_OWNED: readonly OwnedValue[] = [
    { key: "federation.currentCluster", setting: "ingress.gslb.members (contexts are the cluster names)" },
    { key: "federation.currentClusterIsLeader", setting: "ingress.gslb.leader" },
    { key: "federation.memberClusters", setting: "ingress.gslb.members" },
    { key: "configs.gslbLeaderController", setting: "ingress.gslb.leaderController" },
    { key: "configs.controllerVersion", setting: "ingress.controller.version" },
    { key: "configs.tenant", setting: "ingress.controller.tenant" },
    { key: "configs.memberClusters", setting: "ingress.gslb.members" },
    { key: "configs.amkoUUID", setting: "ingress.gslb.amkoUuid" },
    { key: "gslbLeaderCredentials.*", setting: "ingress.controller.username and the secret aviPassword" },
    { key: "globalDeploymentPolicy.*", setting: "ingress.gslb.policy" },
];

/** The GSLB federation as the checks see it. */
export interface GslbShape {
    /** Member contexts (cluster names). */
    readonly members: readonly string[];
    /** The AMKO leader's context. */
    readonly leader: string;
    /** Member names already reported as no cluster of the stack: membership is then unsure, so nothing is derived from it. */
    readonly reported?: readonly string[];
}

/** Config paths the AMKO rules name. */
export interface GslbPaths {
    /** The GSLB section (`ingress.gslb`). */
    readonly gslb: string;
    /** Where the GSLB leader controller's host is set when apart from the AKO controller's (`ingress.gslb.leaderController`): checked fully there. */
    readonly leaderController?: string;
    /** Where the AKO controller's host is set (`ingress.controller.host`; its address is checked with AKO's, its YAML form here). */
    readonly host: string;
    /** Where the controller version is set (`ingress.controller.version`). */
    readonly version: string;
    /** Where the tenant is set (`ingress.controller.tenant`). */
    readonly tenant: string;
}

/** The leader controller's address and version, and the tenant, as the AMKO chart writes them (unquoted) into the GSLBConfig. */
function leaderControllerIssues(settings: GslbSettings, paths: GslbPaths, options: AviCheckOptions): ValidationIssue[] {
    const { host, version, tenant } = settings.controller;
    const found: ValidationIssue[] = [];
    if (host !== "" && paths.leaderController !== undefined) {
        found.push(...problemIssue(paths.leaderController, host, dialHostProblem(host) ?? yamlPlainProblem(host)));
    } else if (host !== "" && dialHostProblem(host) === undefined) {
        found.push(...problemIssue(paths.host, host, yamlPlainProblem(host)));
    }
    // A tenant that is no AVI name at all is reported with the controller's settings; here only its YAML form.
    found.push(...problemIssue(paths.tenant, tenant, aviNameProblem(tenant) ? undefined : yamlPlainProblem(tenant)));
    if (!CONTROLLER_VERSION.test(version) && !(options.off && version === "")) {
        found.push(
            version === ""
                ? issue(paths.version, undefined, "but AMKO needs the AVI controller's API version", 'set it, e.g. "31.1.1"')
                : issue(paths.version, version, "is not a controller version", 'write it like "31.1.1"'),
        );
    }
    return found;
}

function membershipIssues(shape: GslbShape, path: string, options: AviCheckOptions): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    shape.members.forEach((member, i) => {
        if (shape.members.indexOf(member) < i) {
            found.push(issue(keyPath(`${path}.members`, i), member, "is listed twice", "list every GSLB member once"));
        }
    });
    if ((shape.reported ?? []).length > 0) {
        return found;
    }
    if (new Set(shape.members).size < 2 && !options.off) {
        found.push(
            issue(
                `${path}.members`,
                shape.members,
                "has fewer than 2 clusters, and global load balancing spans at least 2",
                "add a cluster running AKO",
            ),
        );
    }
    if (!shape.members.includes(shape.leader) && (shape.leader !== "" || shape.members.length > 0)) {
        found.push(issue(`${path}.leader`, shape.leader, "is not a GSLB member", useOneOf(shape.members)));
    }
    return found;
}

/** Label selectors: valid label keys and values, values not empty (AMKO refuses an empty one: `gslb/ingestion/gdp_controller.go` `validLabel`). */
function selectorIssues(selector: Readonly<Record<string, string>>, path: string): ValidationIssue[] {
    return Object.entries(selector).flatMap(([key, value]) => {
        const keyProblem = labelKeyProblem(key);
        if (keyProblem) {
            return [issue(keyPath(path, key), key, keyProblem.problem, keyProblem.fix)];
        }
        return value === ""
            ? [
                  issue(
                      keyPath(path, key),
                      value,
                      "is empty, and AMKO rejects a GlobalDeploymentPolicy whose selector has an empty label value",
                      'give the label a value, e.g. "gslb"',
                  ),
              ]
            : problemIssue(keyPath(path, key), value, labelValueProblem(value));
    });
}

function policyIssues(policy: GslbPolicy, shape: GslbShape, path: string): ValidationIssue[] {
    const found = [
        ...selectorIssues(policy.appSelector, `${path}.appSelector`),
        ...selectorIssues(policy.namespaceSelector, `${path}.namespaceSelector`),
    ];
    const sure = (shape.reported ?? []).length === 0;
    for (const [cluster, weight] of Object.entries(policy.trafficSplit)) {
        const at = keyPath(`${path}.trafficSplit`, cluster);
        if (!shape.members.includes(cluster)) {
            found.push(
                ...(sure ? [issue(at, weight, "names a cluster that is not a GSLB member", "split traffic among the members only")] : []),
            );
        } else if (!Number.isInteger(weight) || weight < 1 || weight > 20) {
            found.push(issue(at, weight, "is not a GSLB weight (a whole number from 1 to 20)", "use a weight from 1 to 20"));
        }
    }
    if (policy.ttl !== undefined && (!Number.isInteger(policy.ttl) || policy.ttl < TTL.min || policy.ttl > TTL.max)) {
        found.push(
            issue(
                `${path}.ttl`,
                policy.ttl,
                `is not a GSLB DNS TTL (whole seconds from ${TTL.min} to ${TTL.max})`,
                "use e.g. 30, or leave it unset to inherit the DNS virtual service's TTL",
            ),
        );
    }
    return found;
}

/** Problems of the AMKO settings. */
export function validateGslb(settings: GslbSettings, shape: GslbShape, paths: GslbPaths, options: AviCheckOptions = {}): ValidationIssue[] {
    const path = paths.gslb;
    const found = [
        ...leaderControllerIssues(settings, paths, options),
        ...membershipIssues(shape, path, options),
        ...policyIssues(settings.policy, shape, `${path}.policy`),
    ];
    if (settings.amkoUuid !== undefined && !UUID.test(settings.amkoUuid)) {
        found.push(
            issue(
                `${path}.amkoUuid`,
                settings.amkoUuid,
                "is not a UUID (the chart requires 36 characters)",
                "write it as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, or leave it unset",
            ),
        );
    }
    const owned = ownedValueIssues(settings.values, AMKO_OWNED, `${path}.values`, { wording: AVI_WORDING });
    return [...found, ...owned, ...imageValueIssues(settings.values, `${path}.values`, owned)];
}
