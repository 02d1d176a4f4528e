// Checks of the AVI settings before anything is created: the controller and AKO's networks, mode and chart values.
import { Problem } from "../network/value-checks";
import { parseCidr } from "../network/cidr";
import { dialHostProblem, dnsSubdomainProblem } from "../shared/value-kinds";
import { NOT_SHOWN, ValidationIssue, issue } from "../shared/validation";
import { OwnedValue, OwnedWording, ownedValueIssues } from "../shared/owned-values";
import { imageValueIssues, leafPath, unknownKeys } from "../shared/values-merge";
import { AKO_CHART_KEYS_VERSION, AKO_KNOWN_KEYS } from "./chart-keys";
import { AkoSettings, AviController } from "./types";
import { aviNameProblem, caCertificateProblem } from "./value-rules";

/** An AVI controller version (`major.minor.patch`), as AKO's `controllerVersion` and AMKO's GSLBConfig take it. */
export const CONTROLLER_VERSION = /^\d+\.\d+\.\d+$/;

/** AKO chart keys the project renders, with the setting to use instead (`.*` owns a subtree). */
const AKO_OWNED: readonly OwnedValue[] = [
    { key: "AKOSettings.clusterName", setting: "the cluster's name (AKO needs it unique per AVI cloud)" },
    { key: "AKOSettings.cniPlugin", setting: "cni.kind" },
    { key: "L7Settings.serviceType", setting: "ingress.serviceType" },
    { key: "NetworkSettings.vipNetworkList", setting: "ingress.vipNetworks" },
    { key: "NetworkSettings.nodeNetworkList", setting: "ingress.nodeNetworks" },
    { key: "NetworkSettings.defaultDomain", setting: "ingress.defaultDomain" },
    { key: "ControllerSettings.*", setting: "ingress.controller" },
    { key: "avicredentials.*", setting: "ingress.controller.username and the secret aviPassword" },
];

/** The issue of one value, if its check found a problem. */
export function problemIssue(path: string, value: unknown, problem: Problem | undefined): ValidationIssue[] {
    return problem ? [issue(path, value, problem.problem, problem.fix)] : [];
}

/** AVI's words for an escape-hatch key over what the project renders: the setting to use instead, or a replaced map. */
export const AVI_WORDING: OwnedWording = {
    overrides: (owner) => ({
        problem: "overrides a value the project renders from a first-class setting",
        fix: `set ${owner.setting} instead`,
    }),
    replaces: () => ({ problem: "replaces a map that holds values the project renders", fix: "set single keys under it instead" }),
};

/** Problems of AKO's escape hatch: keys the pinned chart does not have (at {@link AKO_CHART_KEYS_VERSION} only), keys the project renders, image values. */
function akoValueIssues(
    values: Readonly<Record<string, unknown>> | undefined,
    path: string,
    version: string | undefined,
): ValidationIssue[] {
    const unknown =
        version === AKO_CHART_KEYS_VERSION
            ? unknownKeys(values ?? {}, AKO_KNOWN_KEYS).map(({ keys, value }) =>
                  issue(
                      leafPath(path, keys),
                      value,
                      `is not a key of the AKO ${AKO_CHART_KEYS_VERSION} chart, which would ignore it silently`,
                      "remove it, or use a key from the chart's values.yaml",
                  ),
              )
            : [];
    const owned = ownedValueIssues(values, AKO_OWNED, path, { wording: AVI_WORDING, reported: unknown });
    return [...unknown, ...owned, ...imageValueIssues(values, path, [...unknown, ...owned])];
}

/** How much to check: everything (AVI on), or, while AVI is off (no controller address yet), the values present only. */
export interface AviCheckOptions {
    /** AVI is off: skip what only a running AVI needs (the controller address, a VIP network, AMKO's controller version and 2 members). */
    readonly off?: boolean;
    /** The AKO chart version in use: escape-hatch keys are checked against the chart's keys at {@link AKO_CHART_KEYS_VERSION} only. */
    readonly version?: string;
}

/** Problems of the controller settings (`path` is e.g. `ingress.controller`); every value given is checked, on or off. */
export function validateController(controller: AviController, path: string, options: AviCheckOptions = {}): ValidationIssue[] {
    const found: ValidationIssue[] = [];
    if (controller.host !== "") {
        found.push(...problemIssue(`${path}.host`, controller.host, dialHostProblem(controller.host)));
    } else if (!options.off) {
        found.push(
            issue(
                `${path}.host`,
                undefined,
                "but AKO and AMKO need the AVI controller's address",
                'set it, e.g. "10.10.10.5" or "avi.example.com"',
            ),
        );
    }
    if (controller.version !== "" && !CONTROLLER_VERSION.test(controller.version)) {
        found.push(issue(`${path}.version`, controller.version, "is not a controller version", 'write it like "31.1.1"'));
    }
    if (!/^[^\s\p{Cc}]+$/u.test(controller.username)) {
        found.push(
            issue(
                `${path}.username`,
                controller.username,
                "is not an AVI user name (no spaces or control characters)",
                'write the user AKO logs in as, e.g. "admin"',
            ),
        );
    }
    found.push(...problemIssue(`${path}.tenant`, controller.tenant, aviNameProblem(controller.tenant)));
    found.push(...problemIssue(`${path}.cloudName`, controller.cloudName, aviNameProblem(controller.cloudName)));
    found.push(...problemIssue(`${path}.serviceEngineGroup`, controller.serviceEngineGroup, aviNameProblem(controller.serviceEngineGroup)));
    if (controller.caCertificate !== undefined) {
        const problem = caCertificateProblem(controller.caCertificate);
        found.push(...(problem ? [issue(`${path}.caCertificate`, NOT_SHOWN, problem.problem, problem.fix)] : []));
    }
    return found;
}

/** A network of the AVI cloud: its name, and a CIDR naming its network address (AVI matches networks by it). */
function networkIssues(path: string, name: string, cidrs: readonly { path: string; text: string }[], example: string): ValidationIssue[] {
    return [
        ...problemIssue(`${path}.name`, name, aviNameProblem(name)),
        ...cidrs.flatMap(({ path: at, text }) => {
            const cidr = parseCidr(text);
            if (!cidr) {
                return [issue(at, text, "is not a CIDR", `write it like "${example}"`)];
            }
            return cidr.hostBitsSet
                ? [issue(at, text, `has host bits set, so it really means ${cidr.canonical}`, `write "${cidr.canonical}"`)]
                : [];
        }),
    ];
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
    const at = paths.ingress;
    const found = [...validateController(settings.controller, `${at}.controller`, options)];
    if (settings.vipNetworks.length === 0 && !options.off) {
        found.push(
            issue(
                `${at}.vipNetworks`,
                [],
                "is empty, and AKO needs a VIP network for its virtual services",
                'add e.g. { name: "vip-net", cidr: "10.20.0.0/24" }',
            ),
        );
    }
    found.push(
        ...settings.vipNetworks.flatMap((network, i) =>
            networkIssues(
                `${at}.vipNetworks[${i}]`,
                network.name,
                [{ path: `${at}.vipNetworks[${i}].cidr`, text: network.cidr }],
                "10.20.0.0/24",
            ),
        ),
    );
    found.push(
        ...settings.nodeNetworks.flatMap((network, i) =>
            networkIssues(
                `${at}.nodeNetworks[${i}]`,
                network.name,
                network.cidrs.map((text, j) => ({ path: `${at}.nodeNetworks[${i}].cidrs[${j}]`, text })),
                "192.168.110.0/24",
            ),
        ),
    );
    if (settings.defaultDomain !== undefined) {
        found.push(...problemIssue(`${at}.defaultDomain`, settings.defaultDomain, dnsSubdomainProblem(settings.defaultDomain)));
    }
    if (settings.serviceType === "NodePortLocal" && settings.cniPlugin !== "antrea") {
        found.push(
            issue(
                `${at}.serviceType`,
                "NodePortLocal",
                `needs Antrea as the CNI (AKO refuses NodePortLocal with cniPlugin "${settings.cniPlugin}")`,
                `set ${paths.cni}.kind: antrea, or ${at}.serviceType: ClusterIP`,
            ),
        );
    }
    return [...found, ...akoValueIssues(settings.values, `${at}.values`, options.version)];
}
