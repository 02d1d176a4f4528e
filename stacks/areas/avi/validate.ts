// Pure AVI settings derived from the stack config: on/off, AKO per cluster, the AMKO federation, and the AVI rules.
import { AVI_SUPPORT, aviSupportWarnings, inRange, rangeText } from "../../../components/avi/support";
import { AkoCniPlugin, AkoServiceType, AkoSettings, GslbSettings } from "../../../components/avi/types";
import { validateAko } from "../../../components/avi/validate";
import { validateGslb } from "../../../components/avi/validate-gslb";
import { AMKO_DEFAULT_WEIGHT } from "../../../components/avi/values";
import { ValidationIssue, issue, keyPath, useOneOf } from "../../../components/shared/validation";
import { akoCniPlugin, nodePortLocal } from "../../config/capabilities";
import { IngressConfig, StackConfig } from "../../config/types";
import { checkNamed } from "../../layers/checks";

/** The `ingress` section when it is AVI. */
export type AviConfig = Extract<IngressConfig, { kind: "avi" }>;

/** The `ingress` section when it is AVI, else undefined. */
export function aviOf(config: Pick<StackConfig, "ingress">): AviConfig | undefined {
    return config.ingress.kind === "avi" ? config.ingress : undefined;
}

/** AVI is on once a controller address is set (an external controller is a prerequisite). */
export function aviEnabled(avi: AviConfig): boolean {
    return avi.controller.host.trim() !== "";
}

/** The clusters that run AKO: `ingress.clusters`, or every cluster. */
export function akoClustersOf(config: Pick<StackConfig, "clusters">, avi: AviConfig): string[] {
    return avi.clusters ?? config.clusters.map((cluster) => cluster.name);
}

/** The CNI as AKO names it (Cilium's cluster-pool IPAM is AKO's `cilium`; anything else is ""). */
export function cniPluginOf(config: Pick<StackConfig, "cni">): AkoCniPlugin {
    return akoCniPlugin(config.cni);
}

/** `ingress.serviceType`, else NodePortLocal on a CNI that has it (Antrea: the seed's pairing) and ClusterIP otherwise. */
export function serviceTypeOf(config: Pick<StackConfig, "cni">, avi: AviConfig): AkoServiceType {
    return avi.serviceType ?? (nodePortLocal(config.cni) !== undefined ? "NodePortLocal" : "ClusterIP");
}

/** AKO settings of one cluster (its name is AKO's cluster name). */
export function akoSettingsFor(config: Pick<StackConfig, "cni">, avi: AviConfig, cluster: string): AkoSettings {
    return {
        controller: avi.controller,
        clusterName: cluster,
        cniPlugin: cniPluginOf(config),
        serviceType: serviceTypeOf(config, avi),
        vipNetworks: avi.vipNetworks,
        nodeNetworks: avi.nodeNetworks,
        ...(avi.defaultDomain !== undefined ? { defaultDomain: avi.defaultDomain } : {}),
        ...(avi.values ? { values: avi.values } : {}),
    };
}

/** The AMKO federation when `ingress.gslb` is present and enabled: its members (default: every AKO cluster) and leader. */
export function gslbOf(
    config: Pick<StackConfig, "clusters">,
    avi: AviConfig,
): { members: string[]; leader: string; settings: GslbSettings } | undefined {
    const gslb = avi.gslb;
    if (!gslb || !gslb.enabled) {
        return undefined;
    }
    const members = gslb.members ?? akoClustersOf(config, avi);
    const settings: GslbSettings = {
        controller: { ...avi.controller, host: gslb.leaderController ?? avi.controller.host },
        policy: gslb.policy,
        ...(gslb.amkoUuid ? { amkoUuid: gslb.amkoUuid } : {}),
        ...(gslb.values ? { values: gslb.values } : {}),
    };
    return { members, leader: gslb.leader ?? members[0] ?? "", settings };
}

/** Names of `names` that are no cluster of the stack. */
function unknownNames(config: Pick<StackConfig, "clusters">, names: readonly string[]): string[] {
    return names.filter((name) => !config.clusters.some((cluster) => cluster.name === name));
}

/**
 * AKO clusters and GSLB members name clusters of the stack, each bad name reported once where it is written; a GSLB
 * member must run AKO, which is only judged while every AKO cluster is known (a misspelt one may be the one meant).
 */
function clusterChecks(config: StackConfig, avi: AviConfig): ValidationIssue[] {
    const ako = akoClustersOf(config, avi);
    const found = (avi.clusters ?? []).flatMap((name, i) => [
        ...checkNamed(keyPath("ingress.clusters", i), name, config),
        ...(avi.clusters?.indexOf(name) !== i
            ? [issue(keyPath("ingress.clusters", i), name, "is listed twice", "list every cluster once")]
            : []),
    ]);
    const akoKnown = unknownNames(config, ako).length === 0;
    (avi.gslb?.members ?? []).forEach((name, i) => {
        const named = checkNamed(keyPath("ingress.gslb.members", i), name, config);
        if (named.length > 0 || !akoKnown || ako.includes(name)) {
            found.push(...named);
            return;
        }
        found.push(issue(keyPath("ingress.gslb.members", i), name, "does not run AKO, and AMKO federates what AKO creates", useOneOf(ako)));
    });
    return found;
}

/**
 * AVI rules over the whole config. While AVI is off (no controller address yet) every value present is still checked
 * (a wrong value is wrong before it is used); only what a running AVI needs (the address, a VIP network, the
 * controller version for AMKO, and the aviPassword secret) waits until it is on.
 */
export function aviIssues(config: StackConfig): ValidationIssue[] {
    const avi = aviOf(config);
    if (!avi) {
        return [];
    }
    const off = !aviEnabled(avi);
    const found = [
        ...clusterChecks(config, avi),
        ...validateAko(akoSettingsFor(config, avi, "cluster"), { ingress: "ingress", cni: "cni" }, { off, version: config.versions.ako }),
        ...(off ? [] : akoKubernetesIssues(config, avi)),
    ];
    // The default service type on Antrea waits until AVI is on; one written down is checked now.
    const npl = (off ? avi.serviceType : serviceTypeOf(config, avi)) === "NodePortLocal";
    if (npl && nodePortLocal(config.cni) === false) {
        found.push(
            issue(
                "ingress.serviceType",
                "NodePortLocal",
                "needs Antrea's NodePortLocal, which cni.nodePortLocal.enable turns on",
                "set cni.nodePortLocal.enable: true, or ingress.serviceType: ClusterIP",
            ),
        );
    }
    // A disabled GSLB section is checked like AVI off: the values written, not what a running AMKO needs.
    const gslb = avi.gslb ? gslbOf(config, { ...avi, gslb: { ...avi.gslb, enabled: true } }) : undefined;
    const shape = { members: gslb?.members ?? [], leader: gslb?.leader ?? "", reported: unknownNames(config, gslb?.members ?? []) };
    return gslb
        ? [
              ...found,
              ...validateGslb(
                  gslb.settings,
                  shape,
                  {
                      gslb: "ingress.gslb",
                      ...(avi.gslb?.leaderController !== undefined ? { leaderController: "ingress.gslb.leaderController" } : {}),
                      host: "ingress.controller.host",
                      version: "ingress.controller.version",
                      tenant: "ingress.controller.tenant",
                  },
                  { off: off || avi.gslb?.enabled === false },
              ),
          ]
        : found;
}

/** The Kubernetes `major.minor` a cluster runs: `versions.kubernetes` (kubeadm) or the kind node image's release. */
export function kubernetesMinorOf(config: Pick<StackConfig, "clusters" | "versions">, cluster: string): string | undefined {
    const entry = config.clusters.find((candidate) => candidate.name === cluster);
    const release =
        entry?.provisioner === "kind" ? /:v(\d+\.\d+)\.\d+(@|$)/.exec(config.versions.kindNodeImage)?.[1] : config.versions.kubernetes;
    return release?.split(".").slice(0, 2).join(".");
}

type VersionKey = "versions.kubernetes" | "versions.kindNodeImage";

/**
 * AKO exits at start on a Kubernetes outside the range its release enforces (`components/avi/support.ts`): once AVI
 * is on, the key pinning an AKO cluster's Kubernetes (`versions.kubernetes` for kubeadm, `versions.kindNodeImage`
 * for kind) is refused, once per key, naming the clusters it makes run an unsupported line.
 */
function akoKubernetesIssues(config: StackConfig, avi: AviConfig): ValidationIssue[] {
    const support = AVI_SUPPORT[config.versions.ako];
    if (!support) {
        return [];
    }
    const byKey = new Map<VersionKey, { minor: string; clusters: string[] }>();
    for (const name of akoClustersOf(config, avi)) {
        const entry = config.clusters.find((cluster) => cluster.name === name);
        const minor = kubernetesMinorOf(config, name);
        if (entry && minor !== undefined && !inRange(minor, support.kubernetes)) {
            const key: VersionKey = entry.provisioner === "kind" ? "versions.kindNodeImage" : "versions.kubernetes";
            byKey.set(key, { minor, clusters: [...(byKey.get(key)?.clusters ?? []), name] });
        }
    }
    return [...byKey].map(([key, { minor, clusters }]) => akoKubernetesIssue(config, key, minor, clusters));
}

/**
 * The sentence for one version key: the value as written, or, when the file leaves the key unset, the pinned
 * default it falls back to (named as such, so the sentence never claims the file set it).
 */
function akoKubernetesIssue(config: StackConfig, key: VersionKey, minor: string, clusters: readonly string[]): ValidationIssue {
    const support = AVI_SUPPORT[config.versions.ako];
    const kind = key === "versions.kindNodeImage";
    const value = kind ? config.versions.kindNodeImage : config.versions.kubernetes;
    const defaulted = config.defaultedVersions?.includes(kind ? "kindNodeImage" : "kubernetes") === true;
    const pinned = kind ? value.split("@")[0] : value;
    const runs = `${defaulted ? `so the pinned default ${pinned} makes` : "makes"} ${clusters.join(", ")} run Kubernetes ${minor}`;
    const { max } = support.kubernetes;
    return issue(
        key,
        defaulted ? undefined : value,
        `${runs}, but AKO ${config.versions.ako} exits at start on a Kubernetes API server outside ${rangeText(support.kubernetes)} (${support.kubernetesEnforcedBy}), so AKO would never run`,
        kind
            ? `set versions.kindNodeImage to a kindest/node v${max} image pinned by digest, or clear ingress.controller.host`
            : `set versions.kubernetes to a ${max} patch release, e.g. "${max}.0", or clear ingress.controller.host`,
    );
}

/**
 * Warnings once AVI is on (nothing stops): controller versions outside what the pinned AKO/AMKO support and an
 * unpaired AMKO (`components/avi/support.ts`), and GSLB members that `trafficSplit` leaves at AMKO's default weight.
 */
export function aviWarnings(config: StackConfig): string[] {
    const avi = aviOf(config);
    if (!avi || !aviEnabled(avi)) {
        return [];
    }
    const gslb = gslbOf(config, avi);
    const split = gslb?.settings.policy.trafficSplit ?? {};
    const unweighted = Object.keys(split).length > 0 ? (gslb?.members ?? []).filter((name) => split[name] === undefined) : [];
    return [
        ...aviSupportWarnings({
            ako: config.versions.ako,
            ...(gslb ? { amko: config.versions.amko } : {}),
            controller: avi.controller.version,
        }),
        ...(unweighted.length > 0
            ? [
                  `ingress.gslb.policy.trafficSplit gives no weight to ${unweighted.join(", ")}, so AMKO weighs ` +
                      `${unweighted.length === 1 ? "it" : "them"} ${AMKO_DEFAULT_WEIGHT} (its default; the rendered policy says so); give a weight to choose, ` +
                      "or leave the cluster out of ingress.gslb.members.",
              ]
            : []),
    ];
}
