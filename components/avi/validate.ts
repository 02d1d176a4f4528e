// Checks of the AVI settings before anything is created: the controller, AKO's networks and mode, AMKO's federation and policy.
import { parseCidr } from "../network/cidr";
import { ValidationIssue, issue, useOneOf } from "../shared/validation";
import { isPlainObject, valuePaths } from "../shared/values-merge";
import { AkoSettings, AviController, GslbSettings } from "./types";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION = /^\d+\.\d+\.\d+$/;

/** AKO chart keys the project renders, with the setting to use instead (prefix entries end with `.`). */
const AKO_OWNED: Readonly<Record<string, string>> = {
    "AKOSettings.clusterName": "the cluster's name (AKO needs it unique per AVI cloud)",
    "AKOSettings.cniPlugin": "cni.kind",
    "L7Settings.serviceType": "ingress.serviceType",
    "NetworkSettings.vipNetworkList": "ingress.vipNetworks",
    "NetworkSettings.nodeNetworkList": "ingress.nodeNetworks",
    "ControllerSettings.": "ingress.controller",
    "avicredentials.": "ingress.controller.username and the secret aviPassword",
};

/** AMKO chart keys the project renders. */
const AMKO_OWNED: Readonly<Record<string, string>> = {
    "federation.currentCluster": "ingress.gslb.members (contexts are the cluster names)",
    "federation.currentClusterIsLeader": "ingress.gslb.leader",
    "federation.memberClusters": "ingress.gslb.members",
    "configs.gslbLeaderController": "ingress.gslb.leaderController",
    "configs.controllerVersion": "ingress.controller.version",
    "configs.tenant": "ingress.controller.tenant",
    "configs.memberClusters": "ingress.gslb.members",
    "configs.amkoUUID": "ingress.gslb.amkoUuid",
    "gslbLeaderCredentials.": "ingress.controller.username and the secret aviPassword",
    "globalDeploymentPolicy.": "ingress.gslb.policy",
};

function ownedIssues(values: Readonly<Record<string, unknown>> | undefined, owned: Readonly<Record<string, string>>, path: string): ValidationIssue[] {
    return valuePaths(values ?? {}).flatMap((key) => {
        const owner = Object.entries(owned).find(([known]) => (known.endsWith(".") ? key.startsWith(known) : key === known || key.startsWith(`${known}.`)));
        if (owner) {
            return [issue(`${path}.${key}`, "[set]", "overrides a value the project renders from a first-class setting", `set ${owner[1]} instead`)];
        }
        const leaf = key.split(".").reduce<unknown>((node, part) => (isPlainObject(node) ? node[part] : undefined), values);
        const inside = Object.keys(owned).filter((known) => known.startsWith(`${key}.`));
        return inside.length > 0 && !isPlainObject(leaf)
            ? [issue(`${path}.${key}`, "[set]", "replaces a map that holds values the project renders", "set single keys under it instead")]
            : [];
    });
}

/** How much to check: everything (AVI on), or, while AVI is off (no controller address yet), the values present only. */
export interface AviCheckOptions {
    /** AVI is off: skip what only a running AVI needs (the controller address, a VIP network, AMKO's controller version and 2 members). */
    readonly off?: boolean;
}

/** Problems of the controller settings (`path` is e.g. `ingress.controller`). */
export function validateController(controller: AviController, path: string, options: AviCheckOptions = {}): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (!options.off && (controller.host.trim() === "" || /[/\s]/.test(controller.host))) {
        found.push(issue(`${path}.host`, controller.host, "is not a host name or IP address", 'write the controller\'s address without scheme or path, e.g. "10.10.10.5" or "avi.example.com"'));
    }
    if (controller.version !== "" && !VERSION.test(controller.version)) {
        found.push(issue(`${path}.version`, controller.version, "is not a controller version", 'write it like "31.1.1"'));
    }
    return found;
}

/** A network of the AVI cloud: a CIDR naming its network address (AVI matches networks by it). */
function networkIssues(path: string, text: string, example: string): ValidationIssue[] {
    const cidr = parseCidr(text);
    if (!cidr) {
        return [issue(path, text, "is not a CIDR", `write it like "${example}"`)];
    }
    return cidr.hostBitsSet ? [issue(path, text, `has host bits set, so it really means ${cidr.canonical}`, `write "${cidr.canonical}"`)] : [];
}

/** Paths the AKO rules name. */
export interface AkoPaths {
    /** The ingress section (`ingress`). */
    readonly ingress: string;
    /** The CNI section (`cni`). */
    readonly cni: string;
}

/** Problems of one cluster's AKO settings. */
export function validateAko(settings: AkoSettings, paths: AkoPaths, options: AviCheckOptions = {}): ValidationIssue[] {
    const found = [...validateController(settings.controller, `${paths.ingress}.controller`, options)];
    if (settings.vipNetworks.length === 0 && !options.off) {
        found.push(issue(`${paths.ingress}.vipNetworks`, [], "is empty, and AKO needs a VIP network for its virtual services", 'add e.g. { name: "vip-net", cidr: "10.20.0.0/24" }'));
    }
    found.push(...settings.vipNetworks.flatMap((network, i) => networkIssues(`${paths.ingress}.vipNetworks[${i}].cidr`, network.cidr, "10.20.0.0/24")));
    found.push(...settings.nodeNetworks.flatMap((network, i) => network.cidrs.flatMap((cidr, j) =>
        networkIssues(`${paths.ingress}.nodeNetworks[${i}].cidrs[${j}]`, cidr, "192.168.110.0/24"))));
    if (settings.serviceType === "NodePortLocal" && settings.cniPlugin !== "antrea") {
        found.push(issue(`${paths.ingress}.serviceType`, "NodePortLocal", `needs Antrea as the CNI (AKO refuses NodePortLocal with cniPlugin "${settings.cniPlugin}")`,
            `set ${paths.cni}.kind: antrea, or ${paths.ingress}.serviceType: ClusterIP`));
    }
    return [...found, ...ownedIssues(settings.values, AKO_OWNED, `${paths.ingress}.values`)];
}

/** The GSLB federation as the checks see it. */
export interface GslbShape {
    /** Member contexts (cluster names). */
    readonly members: readonly string[];
    /** The AMKO leader's context. */
    readonly leader: string;
}

/** Config paths the AMKO rules name. */
export interface GslbPaths {
    /** The GSLB section (`ingress.gslb`). */
    readonly gslb: string;
    /** Where the GSLB leader controller's host is set, when apart from the AKO controller's (checked there otherwise). */
    readonly leaderController?: string;
    /** Where the controller version is set (`ingress.controller.version`). */
    readonly version: string;
}

function leaderControllerIssues(controller: AviController, paths: GslbPaths, options: AviCheckOptions): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (paths.leaderController !== undefined && (controller.host.trim() === "" || /[/\s]/.test(controller.host))) {
        found.push(issue(paths.leaderController, controller.host, "is not a host name or IP address", "write the GSLB leader controller's address without scheme or path"));
    }
    if (!VERSION.test(controller.version) && !(options.off && controller.version === "")) {
        found.push(controller.version === ""
            ? issue(paths.version, undefined, "but AMKO needs the AVI controller's API version", 'set it, e.g. "31.1.1"')
            : issue(paths.version, controller.version, "is not a controller version", 'write it like "31.1.1"'));
    }
    return found;
}

/** Problems of the AMKO settings. */
export function validateGslb(settings: GslbSettings, shape: GslbShape, paths: GslbPaths, options: AviCheckOptions = {}): ValidationIssue[] {
    const path = paths.gslb;
    const found = leaderControllerIssues(settings.controller, paths, options);
    shape.members.forEach((member, i) => {
        if (shape.members.indexOf(member) < i) {
            found.push(issue(`${path}.members[${i}]`, member, "is listed twice", "list every GSLB member once"));
        }
    });
    if (new Set(shape.members).size < 2 && !options.off) {
        found.push(issue(`${path}.members`, shape.members, "has fewer than 2 clusters, and global load balancing spans at least 2", "add a cluster running AKO"));
    }
    if (!shape.members.includes(shape.leader) && (shape.leader !== "" || shape.members.length > 0)) {
        found.push(issue(`${path}.leader`, shape.leader, "is not a GSLB member", useOneOf(shape.members)));
    }
    for (const [cluster, weight] of Object.entries(settings.policy.trafficSplit)) {
        if (!shape.members.includes(cluster)) {
            found.push(issue(`${path}.policy.trafficSplit.${cluster}`, weight, "names a cluster that is not a GSLB member", "split traffic among the members only"));
        } else if (!Number.isInteger(weight) || weight < 1 || weight > 20) {
            found.push(issue(`${path}.policy.trafficSplit.${cluster}`, weight, "is not a GSLB weight (a whole number from 1 to 20)", "use a weight from 1 to 20"));
        }
    }
    if (settings.policy.ttl !== undefined && settings.policy.ttl < 1) {
        found.push(issue(`${path}.policy.ttl`, settings.policy.ttl, "is not a DNS TTL in seconds", "use a positive number of seconds, or leave it unset"));
    }
    if (settings.amkoUuid !== undefined && !UUID.test(settings.amkoUuid)) {
        found.push(issue(`${path}.amkoUuid`, settings.amkoUuid, "is not a UUID (the chart requires 36 characters)", "write it as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, or leave it unset"));
    }
    return [...found, ...ownedIssues(settings.values, AMKO_OWNED, `${path}.values`)];
}
