// A fake kubectl over a JSON file of objects, for running the gate scripts offline: get (jsonpath, json, name),
// rollout status/restart, wait for CRDs, patch (merge), delete, exec and port-forward answers from the file.
// Transpiled on its own by sandbox.ts (node builtins and ./jsonpath only). It refuses what a real kubectl refuses
// and what the project forbids: a call without --request-timeout when the state asks for it.
import * as fs from "fs";
import * as path from "path";
import { Json, jsonpath } from "./jsonpath";

/** An object in the fake cluster. */
type KubeObject = { [key: string]: Json } & {
    kind: string;
    metadata: {
        name: string;
        namespace?: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
        generation?: number;
    };
};

/** What the fake answers from. */
interface FakeState {
    objects: KubeObject[];
    unreachable?: boolean;
    requireRequestTimeout?: boolean;
    exec?: Record<string, string>;
    metrics?: Record<string, string>;
}

const dir = process.env.FAKE_KUBE_DIR ?? ".";
const stateFile = path.join(dir, "state.json");
const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as FakeState;
const save = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 1));
const fail = (message: string, code = 1): never => {
    process.stderr.write(`${message}\n`);
    process.exit(code);
};

const KINDS: Record<string, string> = {
    pod: "Pod",
    pods: "Pod",
    po: "Pod",
    deployment: "Deployment",
    deployments: "Deployment",
    deploy: "Deployment",
    daemonset: "DaemonSet",
    daemonsets: "DaemonSet",
    ds: "DaemonSet",
    service: "Service",
    services: "Service",
    svc: "Service",
    endpoints: "Endpoints",
    ep: "Endpoints",
    lease: "Lease",
    leases: "Lease",
    secret: "Secret",
    secrets: "Secret",
    configmap: "ConfigMap",
    configmaps: "ConfigMap",
    cm: "ConfigMap",
    crd: "CustomResourceDefinition",
    crds: "CustomResourceDefinition",
    customresourcedefinition: "CustomResourceDefinition",
    "link.multicluster.linkerd.io": "Link",
    links: "Link",
    link: "Link",
    "links.multicluster.linkerd.io": "Link",
    httproute: "HTTPRoute",
    "httproutes.gateway.networking.k8s.io": "HTTPRoute",
};
const CLUSTER_SCOPED = new Set(["CustomResourceDefinition", "Namespace"]);

/** Flags with a value, and the positional arguments, of one call. */
function parseArgs(argv: string[]): { flags: Record<string, string>; args: string[]; rest: string[] } {
    const flags: Record<string, string> = {};
    const args: string[] = [];
    const valued = new Set([
        "-n",
        "--namespace",
        "-l",
        "--selector",
        "-o",
        "--output",
        "-c",
        "--container",
        "--type",
        "-p",
        "--patch",
        "--for",
        "-f",
        "--raw",
        "--timeout",
        "--request-timeout",
    ]);
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--") {
            return { flags, args, rest: argv.slice(i + 1) };
        }
        const eq = arg.indexOf("=");
        if (arg.startsWith("-") && eq > 0) {
            flags[arg.slice(0, eq)] = arg.slice(eq + 1);
        } else if (valued.has(arg)) {
            flags[arg] = argv[++i];
        } else if (arg.startsWith("-")) {
            flags[arg] = "true";
        } else {
            args.push(arg);
        }
    }
    return { flags, args, rest: [] };
}

/** Matches `a=b,c!=d,e,!f` against labels. */
function selects(selector: string | undefined, labels: Record<string, string> = {}): boolean {
    return (selector ?? "")
        .split(",")
        .filter(Boolean)
        .every((term) => {
            const [key, value] = term.split(/!=|==|=/);
            if (term.startsWith("!")) {
                return !(term.slice(1) in labels);
            }
            if (term.includes("!=")) {
                return labels[key] !== value;
            }
            return term.includes("=") ? labels[key] === value : key in labels;
        });
}

function resolveTarget(words: string[]): { kind: string; name?: string } {
    const [resource, name] = words[0].includes("/") ? words[0].split("/") : [words[0], words[1]];
    const kind = KINDS[resource.toLowerCase()];
    return kind ? { kind, name } : fail(`error: the server doesn't have a resource type "${resource}"`);
}

function matching(kind: string, flags: Record<string, string>, name?: string): KubeObject[] {
    const all = flags["-A"] !== undefined || flags["--all-namespaces"] !== undefined;
    const namespace = flags["-n"] ?? flags["--namespace"] ?? "default";
    return state.objects.filter(
        (object) =>
            object.kind === kind &&
            (name === undefined || object.metadata.name === name) &&
            (all || CLUSTER_SCOPED.has(kind) || (object.metadata.namespace ?? "default") === namespace) &&
            selects(flags["-l"] ?? flags["--selector"], object.metadata.labels),
    );
}

const notFound = (kind: string, name: string) => fail(`Error from server (NotFound): ${kind.toLowerCase()}s "${name}" not found`);

function get(flags: Record<string, string>, words: string[]): void {
    if (flags["--raw"] !== undefined) {
        process.stdout.write("ok");
        return;
    }
    const { kind, name } = resolveTarget(words);
    const found = matching(kind, flags, name);
    if (name !== undefined && found.length === 0) {
        return flags["--ignore-not-found"] ? undefined : notFound(kind, name);
    }
    const data: Json = name !== undefined ? found[0] : { kind: "List", items: found };
    const output = flags["-o"] ?? flags["--output"] ?? "name";
    if (output.startsWith("jsonpath=")) {
        process.stdout.write(jsonpath(output.slice("jsonpath=".length), data));
    } else if (output === "json") {
        process.stdout.write(JSON.stringify(data));
    } else {
        process.stdout.write(found.map((object) => `${kind.toLowerCase()}/${object.metadata.name}\n`).join(""));
    }
}

/** kubectl's DeploymentStatusViewer / DaemonSetStatusViewer rules (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go). */
function rolledOut(object: KubeObject): boolean {
    const status = (object.status ?? {}) as Record<string, number>;
    const spec = (object.spec ?? {}) as Record<string, number>;
    if ((object.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
        return false;
    }
    if (object.kind === "DaemonSet") {
        return (
            (status.updatedNumberScheduled ?? 0) >= (status.desiredNumberScheduled ?? 0) &&
            (status.numberAvailable ?? 0) >= (status.desiredNumberScheduled ?? 0)
        );
    }
    const wanted = spec.replicas ?? 1;
    const updated = status.updatedReplicas ?? 0;
    return updated >= wanted && (status.replicas ?? 0) <= updated && (status.availableReplicas ?? 0) >= updated;
}

function mergeInto(target: { [key: string]: Json }, patch: { [key: string]: Json }): void {
    for (const [key, value] of Object.entries(patch)) {
        const current = target[key];
        if (
            value !== null &&
            typeof value === "object" &&
            !Array.isArray(value) &&
            current !== null &&
            typeof current === "object" &&
            !Array.isArray(current)
        ) {
            mergeInto(current, value);
        } else if (value === null) {
            delete target[key];
        } else {
            target[key] = value;
        }
    }
}

/** A template change rolls the Deployment out at once (the fake's controller is instantaneous). */
function changed(object: KubeObject, before: string): void {
    if (JSON.stringify(object.spec) !== before) {
        const generation = (object.metadata.generation ?? 1) + 1;
        object.metadata.generation = generation;
        object.status = { ...((object.status ?? {}) as Record<string, Json>), observedGeneration: generation };
    }
    save();
}

function rollout(flags: Record<string, string>, words: string[]): void {
    const { kind, name } = resolveTarget(words.slice(1));
    const object = matching(kind, flags, name)[0] ?? notFound(kind, name ?? "");
    if (words[0] === "restart") {
        const before = JSON.stringify(object.spec);
        mergeInto(object, { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "now" } } } } });
        changed(object, before);
        process.stdout.write(`${kind.toLowerCase()}.apps/${name} restarted\n`);
        return;
    }
    return rolledOut(object)
        ? void process.stdout.write(`${kind.toLowerCase()} "${name}" successfully rolled out\n`)
        : fail(`error: timed out waiting for the condition on ${kind.toLowerCase()}s/${name}`);
}

/** `wait --for condition=<type> crd/<name>`: the condition must already be True (the fake never changes on its own). */
function wait(flags: Record<string, string>, words: string[]): void {
    const { kind, name } = resolveTarget(words);
    const object = matching(kind, flags, name)[0] ?? notFound(kind, name ?? "");
    const type = (flags["--for"] ?? "").replace(/^condition=/, "").toLowerCase();
    const conditions = (((object.status ?? {}) as Record<string, Json>).conditions ?? []) as { type: string; status: string }[];
    return conditions.some((condition) => condition.type.toLowerCase() === type && condition.status === "True")
        ? void process.stdout.write(`${kind.toLowerCase()}/${name} condition met\n`)
        : fail(`error: timed out waiting for the condition on ${kind.toLowerCase()}s/${name}`);
}

function patch(flags: Record<string, string>, words: string[]): void {
    const { kind, name } = resolveTarget(words);
    const object = matching(kind, flags, name)[0] ?? notFound(kind, name ?? "");
    const before = JSON.stringify(object.spec);
    mergeInto(object, JSON.parse(flags["-p"] ?? flags["--patch"]) as { [key: string]: Json });
    changed(object, before);
    process.stdout.write(`${kind.toLowerCase()}/${name} patched\n`);
}

function remove(flags: Record<string, string>, words: string[]): void {
    const { kind, name } = resolveTarget(words);
    const doomed = new Set(matching(kind, flags, name));
    if (name !== undefined && doomed.size === 0 && !flags["--ignore-not-found"]) {
        notFound(kind, name);
    }
    state.objects = state.objects.filter((object) => !doomed.has(object));
    save();
    doomed.forEach((object) => process.stdout.write(`${kind.toLowerCase()} "${object.metadata.name}" deleted\n`));
}

function portForward(flags: Record<string, string>, words: string[]): void {
    const { kind, name } = resolveTarget(words);
    if (matching(kind, flags, name).length === 0) {
        notFound(kind, name ?? "");
    }
    const port = 40000 + Math.floor(Math.random() * 20000);
    fs.writeFileSync(path.join(dir, `forward-${port}`), name ?? "");
    process.stdout.write(`Forwarding from 127.0.0.1:${port} -> ${words[1].replace(/^:/, "")}\n`);
    setInterval(() => undefined, 1000);
}

/** What an exec prints; {@link EXEC_HANGS} stands for a stream that never ends (a real exec ignores --request-timeout). */
function execAnswer(answer: string): void {
    if (answer !== EXEC_HANGS) {
        return void process.stdout.write(answer);
    }
    fs.appendFileSync(path.join(dir, "hung.log"), `${process.pid}\n`);
    setTimeout(() => process.exit(0), 90_000);
}

/** The exec answer of a stream that hangs (the fake gives up on its own after 90 s, so no test leaks it for long). */
const EXEC_HANGS = "<hangs>";

function main(argv: string[]): void {
    fs.appendFileSync(path.join(dir, "calls.log"), `${argv.join(" ")}\n`);
    const { flags, args, rest } = parseArgs(argv);
    if (!process.env.KUBECONFIG || !fs.existsSync(process.env.KUBECONFIG)) {
        fail("fake kubectl: KUBECONFIG is not a file", 9);
    }
    if (state.requireRequestTimeout && flags["--request-timeout"] === undefined && args[0] !== "port-forward" && args[0] !== "exec") {
        fail(`fake kubectl: unbounded call (no --request-timeout): kubectl ${argv.join(" ")}`, 3);
    }
    if (state.unreachable) {
        fail("The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?");
    }
    const namespace = flags["-n"] ?? flags["--namespace"] ?? "default";
    switch (args[0]) {
        case "get":
            return get(flags, args.slice(1));
        case "version":
            return void process.stdout.write("Client Version: fake\n");
        case "rollout":
            return rollout(flags, args.slice(1));
        case "wait":
            return wait(flags, args.slice(1));
        case "patch":
            return patch(flags, args.slice(1));
        case "delete":
            return remove(flags, args.slice(1));
        case "port-forward":
            return portForward(flags, args.slice(1));
        case "exec":
            return execAnswer(
                state.exec?.[`${namespace}/${args[1]}`] ??
                    fail(`fake kubectl: no exec answer for ${namespace}/${args[1]} (${rest.join(" ")})`),
            );
        case "create":
            return flags["--dry-run"] === "server"
                ? void process.stdout.write("created (server dry run)\n")
                : fail("fake kubectl: only dry runs are created");
        default:
            return fail(`fake kubectl: unsupported call: kubectl ${argv.join(" ")}`, 2);
    }
}

main(process.argv.slice(2));
