// Turns a plan into reviewable files: scripts, Helm values, manifests per cluster, topology and the plan itself.
import { toYaml, toYamlDocuments } from "../../components/shared/yaml";
import { declaredManifests } from "./fetch-sim";
import { Plan, PlanResource } from "./plan";

/** Relative path → file content. */
export type Artifacts = Map<string, string>;

const commandTypes = new Set(["command:remote:Command", "command:local:Command"]);
const helmTypes = new Set(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]);
const groupTypes = new Set(["kubernetes:yaml/v2:ConfigGroup", "kubernetes:yaml/v2:ConfigFile"]);
const SECRET_NOTE = "# [secret] — rendered without --show-secrets\n";

/** Makes a resource name safe as a file name. */
export function fileName(name: string): string {
    return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/** Maps each Kubernetes provider URN to its cluster (the name part of `clusterIdentifier` `<name>@<incarnation>`, else the provider's name). */
function clustersByProvider(plan: Plan): Map<string, string> {
    return new Map(
        plan.resources
            .filter((resource) => resource.type === "pulumi:providers:kubernetes")
            .map((resource) => [resource.urn, String(resource.inputs.clusterIdentifier ?? resource.name).split("@")[0]]),
    );
}

function clusterOf(resource: PlanResource, clusters: Map<string, string>): string {
    return fileName((resource.provider && clusters.get(resource.provider)) || "default-provider");
}

function scriptFiles(resource: PlanResource): [string, string][] {
    return (["create", "update", "delete"] as const)
        .filter((phase) => typeof resource.inputs[phase] === "string")
        .map((phase) => {
            const text = String(resource.inputs[phase]);
            const content = text === "[secret]" ? SECRET_NOTE : text.endsWith("\n") ? text : `${text}\n`;
            return [`scripts/${fileName(resource.name)}.${phase}.sh`, content];
        });
}

function helmValuesFile(resource: PlanResource, cluster: string): [string, string] {
    const inputs = resource.inputs;
    const repo = (inputs.repositoryOpts as { repo?: string } | undefined)?.repo ?? inputs.repositoryOpts ?? "";
    const header = `# chart ${String(inputs.chart)} ${String(inputs.version ?? "")} from ${String(repo)}\n`;
    return [`helm/${cluster}/${fileName(resource.name)}.values.yaml`, header + toYaml(inputs.values ?? {})];
}

/**
 * What a yaml/v2 group applies: a ConfigGroup's `objs` as they are; a ConfigFile's URL, with the identities of the
 * objects its offline declaration lists (the file itself is only fetched by a real run).
 */
function groupManifest(resource: PlanResource): string {
    const inputs = resource.inputs;
    if (resource.type === "kubernetes:yaml/v2:ConfigGroup") {
        const objs = Array.isArray(inputs.objs) ? inputs.objs : [];
        const declared = new Set(
            [...declaredManifests().values()].flatMap((manifest) =>
                manifest.objects.map((object) => `${object.kind}/${object.metadata.name}`),
            ),
        );
        const fetched = objs.some((obj: { kind?: unknown; metadata?: { name?: unknown } }) =>
            declared.has(`${String(obj.kind)}/${String(obj.metadata?.name)}`),
        );
        const note = fetched
            ? "# offline, objects of a downloaded manifest are its declared skeleton (fetch-sim.ts), not the whole file\n"
            : "";
        return `# ConfigGroup ${resource.name}: the objects it applies\n${note}${toYamlDocuments(objs)}`;
    }
    const url = String(inputs.file ?? "");
    const declared = declaredManifests().get(url);
    const objects = (declared?.objects ?? []).map(
        (object) => `#   ${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}\n`,
    );
    return (
        `# ConfigFile ${resource.name}: applies ${url} at run time\n` +
        (declared
            ? `# declared offline (${declared.source}), objects:\n${objects.join("")}`
            : "# not declared offline: its objects are not known here\n")
    );
}

/** Builds every artifact file for a plan. */
export function renderArtifacts(plan: Plan, outputs: unknown, topology: string | undefined): Artifacts {
    const files: Artifacts = new Map();
    files.set("plan.json", `${JSON.stringify(plan, null, 2)}\n`);
    files.set("outputs.json", `${JSON.stringify(outputs ?? {}, null, 2)}\n`);
    if (topology !== undefined) {
        files.set("topology.md", topology);
    }
    const clusters = clustersByProvider(plan);
    for (const resource of plan.resources) {
        if (commandTypes.has(resource.type)) {
            scriptFiles(resource).forEach(([path, content]) => files.set(path, content));
        } else if (helmTypes.has(resource.type)) {
            const [path, content] = helmValuesFile(resource, clusterOf(resource, clusters));
            files.set(path, content);
        } else if (groupTypes.has(resource.type)) {
            files.set(`manifests/${clusterOf(resource, clusters)}/${fileName(resource.name)}.yaml`, groupManifest(resource));
        } else if (resource.custom && resource.type.startsWith("kubernetes:")) {
            const path = `manifests/${clusterOf(resource, clusters)}/${fileName(resource.name)}.yaml`;
            files.set(path, toYaml(resource.inputs));
        }
    }
    return files;
}
