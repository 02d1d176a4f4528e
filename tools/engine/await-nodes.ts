// The await checker's nodes: every registration, plus the objects packaged components (yaml/v2) create at run time.
import * as yaml from "js-yaml";
import { FetchedManifest } from "../../components/shared/fetched-manifest";
import { KubeObject, apiGroup, field, isKubeObject } from "./await-kube";
import { ProviderIdentity, providerIdentities, scriptCluster } from "./await-scripts";
import { RecordedResource } from "./recorder";
import { unwrapSecrets } from "./secret-values";

/** One resource of the ordering graph. */
export interface AwaitNode {
    /** Index (registrations first, in order, then the objects of packaged components). */
    readonly id: number;
    /** Pulumi name (an object of a group: `<prefix>:<namespace>/<name>`, as pulumi-kubernetes names it). */
    readonly name: string;
    /** Parent node, if any. */
    readonly parent: number | null;
    /** Nodes that must be done before this one starts. */
    readonly deps: readonly number[];
    /** Provider URN of the cluster it acts on (objects and cluster scripts), or null. */
    readonly cluster: string | null;
    /** The Kubernetes object it creates, if any. */
    readonly object?: KubeObject;
    /** Its group's `skipAwait` (a packaged object). */
    readonly groupSkipAwait?: boolean;
    /** A command's create script. */
    readonly script?: string;
}

const GROUP_TYPES = new Set(["kubernetes:yaml/v2:ConfigGroup", "kubernetes:yaml/v2:ConfigFile"]);
const OPAQUE = /^kubernetes:(helm\.sh|yaml|kustomize)\//;
const COMMANDS = new Set(["command:local:Command", "command:remote:Command"]);

/** The object a plain Kubernetes resource creates (not patches, not providers, not packaged components). */
function registeredObject(record: RecordedResource, inputs: Record<string, unknown>): KubeObject | undefined {
    const plain = record.custom && record.type.startsWith("kubernetes:") && !OPAQUE.test(record.type) && !record.type.endsWith("Patch");
    return plain && isKubeObject(inputs) ? inputs : undefined;
}

/** The documents of a YAML text, or none when it does not parse (the provider reports that itself). */
function parseAll(text: string): unknown[] {
    try {
        return yaml.loadAll(text);
    } catch {
        return [];
    }
}

/** The objects a yaml/v2 group creates, as far as they are visible: `objs`, `yaml` text and declared files. */
export function groupObjects(inputs: Record<string, unknown>, declared: ReadonlyMap<string, FetchedManifest>): KubeObject[] {
    const fromYaml = typeof inputs.yaml === "string" ? parseAll(inputs.yaml) : [];
    const files = [...(Array.isArray(inputs.files) ? inputs.files : []), inputs.file].filter(
        (file): file is string => typeof file === "string",
    );
    const fromFiles = files.flatMap((file) => declared.get(file)?.objects ?? []);
    return [...fromFiles, ...fromYaml, ...(Array.isArray(inputs.objs) ? inputs.objs : [])].filter(isKubeObject);
}

/** Edges pulumi-kubernetes adds inside one group (cli-utils `pkg/object/graph/depends.go`@v0.37.2 via yaml/v2 Register). */
function groupEdges(objects: readonly KubeObject[]): number[][] {
    const namespaces = new Map<string, number>();
    const crds = new Map<string, number>();
    objects.forEach((object, index) => {
        if (object.kind === "Namespace" && apiGroup(object.apiVersion) === "") {
            namespaces.set(object.metadata.name, index);
        }
        if (object.kind === "CustomResourceDefinition") {
            crds.set(`${String(field(object, "spec", "group"))}/${String(field(object, "spec", "names", "kind"))}`, index);
        }
    });
    return objects.map((object, index) =>
        [namespaces.get(object.metadata.namespace ?? ""), crds.get(`${apiGroup(object.apiVersion)}/${object.kind}`)].filter(
            (edge): edge is number => edge !== undefined && edge !== index,
        ),
    );
}

/** The child nodes of one group record (ids from `first`). */
function groupChildren(
    record: RecordedResource,
    group: AwaitNode,
    inputs: Record<string, unknown>,
    declared: ReadonlyMap<string, FetchedManifest>,
    first: number,
): AwaitNode[] {
    const objects = groupObjects(inputs, declared);
    const edges = groupEdges(objects);
    const prefix = typeof inputs.resourcePrefix === "string" ? inputs.resourcePrefix : record.name;
    return objects.map((object, index) => {
        const id = object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
        return {
            id: first + index,
            name: prefix === "" ? id : `${prefix}:${id}`,
            parent: group.id,
            deps: edges[index].map((edge) => first + edge),
            cluster: group.cluster,
            object,
            groupSkipAwait: inputs.skipAwait === true,
        };
    });
}

/** One registration (with its plain inputs) as a node. */
function recordNode(
    record: RecordedResource,
    inputs: Record<string, unknown>,
    id: number,
    ids: ReadonlyMap<string, number>,
    providers: readonly ProviderIdentity[],
): AwaitNode {
    const object = registeredObject(record, inputs);
    const script = COMMANDS.has(record.type) && typeof inputs.create === "string" ? inputs.create : undefined;
    const cluster =
        script !== undefined ? scriptCluster(inputs, providers) : record.type.startsWith("kubernetes:") ? record.provider : null;
    const deps = record.dependencies.map((urn) => ids.get(urn)).filter((dep): dep is number => dep !== undefined);
    const parent = record.parent === null ? null : (ids.get(record.parent) ?? null);
    return { id, name: record.name, parent, deps, cluster, ...(object ? { object } : {}), ...(script !== undefined ? { script } : {}) };
}

/** Every node of a run: registrations in order, then the objects each yaml/v2 group creates. */
export function awaitNodes(records: readonly RecordedResource[], declared: ReadonlyMap<string, FetchedManifest>): AwaitNode[] {
    const ids = new Map(records.map((record, index) => [record.urn, index]));
    const providers = providerIdentities(records);
    const inputs = records.map((record) => unwrapSecrets(record.inputs) as Record<string, unknown>);
    const nodes = records.map((record, index) => recordNode(record, inputs[index], index, ids, providers));
    records.forEach((record, index) => {
        if (GROUP_TYPES.has(record.type)) {
            nodes.push(...groupChildren(record, nodes[index], inputs[index], declared, nodes.length));
        }
    });
    return nodes;
}
