// Places each recorded resource in a step of the ideal graph (by component, type, role and host), so the two can be compared.
import { Area, areaList } from "../../stacks/areas";
import { RecordedResource } from "../engine/recorder";
import { StackConfig } from "../../stacks/config/types";
import { IdealStep, connects, stepId } from "./ideal-graph";
import { LayerName, Phase } from "./ideal-rules";
import { stepKind } from "./model";
import { ClusterResolver, componentOf, hostOf } from "./program-graph";

/** The layer of each top-level component type of the given areas, after the provisioners'. */
export function componentLayersOf(list: readonly Area[] = areaList): Readonly<Record<string, LayerName | "provision">> {
    return {
        "multicluster:kubeadm:KubeadmCluster": "provision",
        "multicluster:kind:KindCluster": "provision",
        ...Object.assign({}, ...list.map((area) => area.bench?.componentLayers ?? {})) as Record<string, LayerName>,
    };
}

/** The layer of each component type (rows create top-level components with these types), from the areas list. */
export const COMPONENT_LAYERS: Readonly<Record<string, LayerName | "provision">> = componentLayersOf();

const KNOWN = new Set(Object.keys(COMPONENT_LAYERS));

/** API groups built into Kubernetes: their objects need no CRD (everything else is a custom resource). */
const BUILT_IN = /^kubernetes:(core|apps|batch|policy|autoscaling|[a-z.]*\.k8s\.io)\//;
/** Groups under k8s.io that are CRDs all the same (Gateway API, SIG projects). */
const CUSTOM_K8S_IO = /^kubernetes:(gateway\.networking\.k8s\.io|[a-z.-]*\.x-k8s\.io)\//;

/** Role of a kubeadm remote step from its name (`<cluster>-<node>-prepare`, `<cluster>-init`, …); a node's deregister step, on the first control plane after init, counts with the token step. */
const KUBEADM_ROLES: readonly [RegExp, string][] = [
    [/-prepare$/, "prepare"], [/-pki$/, "pki"], [/-init$/, "init"], [/-ready$/, "api"], [/-token$/, "token"], [/-deregister$/, "token"], [/-join$/, "join"], [/-cleanup$/, "registered"],
];

/**
 * Phase of an in-cluster resource: local commands by their latency class (a health gate, a wait for CRDs or a
 * webhook, a wait for pods, else an action like an apply), objects by API group, and anything that reads
 * another cluster's data in a layer that connects clusters.
 */
export function phaseOf(record: RecordedResource, crossCluster: boolean, layerConnects: boolean): Phase | undefined {
    const objectLike = record.type.startsWith("kubernetes:") && record.type !== "pulumi:providers:kubernetes";
    if (record.type === "command:local:Command") {
        const kind = stepKind(record.type, record.name);
        if (kind === "healthGate") {
            return "gate";
        }
        if (kind === "crdWait" || /webhook$|-crd$/.test(record.name)) {
            return "prereq";
        }
        if (kind === "podsReady") {
            return "running";
        }
    } else if (!objectLike && record.type !== "command:remote:Command") {
        return undefined;
    }
    if (crossCluster && layerConnects) {
        return "connect";
    }
    if (record.type.startsWith("command:")) {
        return "release";
    }
    const custom = record.type.startsWith("kubernetes:") && !record.type.startsWith("kubernetes:helm.sh/")
        && (!BUILT_IN.test(record.type) || CUSTOM_K8S_IO.test(record.type));
    return custom ? "objects" : "release";
}

/** Where each recorded resource sits in the ideal graph. */
export interface IdealMapping {
    /** Step id by resource URN (plumbing — keys, providers, components — has none). */
    readonly stepOf: ReadonlyMap<string, string>;
    /** Resources that take time but fit no step (components or names the description does not know). */
    readonly unmapped: readonly RecordedResource[];
}

/** Clusters a resource reads from, through plumbing (resources of no cluster) only. */
function readsFrom(record: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>, resolver: ClusterResolver, memo: Map<string, Set<string>>): Set<string> {
    const found = new Set<string>();
    for (const urn of record.dependencies) {
        const dependency = byUrn.get(urn);
        const cluster = dependency ? resolver.clusterOf(dependency) : undefined;
        if (cluster !== undefined) {
            found.add(cluster);
        } else if (dependency) {
            const cached = memo.get(urn) ?? readsFrom(dependency, byUrn, resolver, memo);
            memo.set(urn, cached);
            cached.forEach((name) => found.add(name));
        }
    }
    return found;
}

function provisionStep(record: RecordedResource, cluster: string, joinHosts: ReadonlyMap<string, string>): string | undefined {
    if (record.type === "command:local:Command") {
        return /-cluster$/.test(record.name) ? stepId(cluster, "create") : /-kubeconfig$/.test(record.name) ? stepId(cluster, "api") : undefined;
    }
    if (record.type !== "command:remote:Command") {
        return undefined;
    }
    const role = KUBEADM_ROLES.find(([pattern]) => pattern.test(record.name))?.[1];
    if (role === undefined || ["init", "api", "token"].includes(role)) {
        return role === undefined ? undefined : stepId(cluster, role);
    }
    const host = role === "registered" ? joinHosts.get(record.name.replace(/-cleanup$/, "")) : hostOf(record);
    return host === undefined ? undefined : stepId(cluster, `${role}@${host}`);
}

/** Maps every recorded resource to its ideal step. */
export function mapToIdeal(config: StackConfig, records: readonly RecordedResource[], steps: readonly IdealStep[], seconds: (record: RecordedResource) => number): IdealMapping {
    const known = new Set(steps.map((step) => step.id));
    const resolver = new ClusterResolver(records, config.clusters.map((cluster) => cluster.name));
    const byUrn = new Map(records.map((record) => [record.urn, record]));
    const joinHosts = new Map(records.filter((record) => /-join$/.test(record.name))
        .map((record) => [record.name.replace(/-join$/, ""), hostOf(record) ?? ""]));
    const memo = new Map<string, Set<string>>();
    const stepOf = new Map<string, string>();
    const unmapped: RecordedResource[] = [];
    for (const record of records) {
        const component = componentOf(record.urn, KNOWN);
        const layer = component ? COMPONENT_LAYERS[component] : undefined;
        const cluster = resolver.clusterOf(record);
        let step: string | undefined;
        if (layer !== undefined && cluster !== undefined) {
            if (layer === "provision") {
                step = provisionStep(record, cluster, joinHosts);
            } else {
                const others = [...readsFrom(record, byUrn, resolver, memo)].some((name) => name !== cluster);
                const phase = phaseOf(record, others, connects(config, layer));
                step = phase ? stepId(cluster, `${layer}.${phase}`) : undefined;
            }
        }
        if (step !== undefined && known.has(step)) {
            stepOf.set(record.urn, step);
        } else if (record.custom && seconds(record) > 0 && !/^(tls|random):/.test(record.type)) {
            unmapped.push(record);
        }
    }
    return { stepOf, unmapped };
}
