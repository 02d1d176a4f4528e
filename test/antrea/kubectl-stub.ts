// A kubectl stand-in for the Antrea gate scripts: answers from a JSON state file ($KUBE_STATE) and logs every call
// ($KUBECTL_LOG). It implements the subset of kubectl the scripts use, with kubectl's JSONPath template semantics
// (k8s.io/client-go/util/jsonpath: `{range}`/`{end}`, string literals, `[*]`, filters, missing keys print nothing).
import * as fs from "fs";

/** Parsed JSON of arbitrary shape (objects of any kind the scripts read). */
type Json = any;

/** The cluster state the stub answers from. */
export interface StubState {
    /** Objects by plural resource name (`clustersets`, `pods`, `deployments`, ...). */
    objects: Record<string, Json[]>;
    /** How many `kubectl version` calls fail before the API server answers; -1: never answers. */
    unreachable?: number;
    /** Exit status of `rollout status deployment/<name>` (default 0). */
    rollouts?: Record<string, number>;
    /** Answers of `exec deploy/<name> -- curl ... <url>` by Deployment, then URL; absent: curl fails (timeout). */
    http?: Record<string, Record<string, string>>;
    /** Exit status of an unanswered `exec` by Deployment (default 28, curl's timeout; e.g. 1 for a failed exec). */
    execExit?: Record<string, number>;
    /** Deployments whose `exec` never ends (a real exec ignores --request-timeout): pid logged, exits 28 only after 40 s. */
    execHangs?: string[];
    /** Names of objects whose `touch-ts` annotation a live member renews: each read finds it 10 s later. */
    announcing?: string[];
}

type Node = { text: string } | { path: string } | { range: string; body: Node[] };

function parseTemplate(template: string): Node[] {
    const root: Node[] = [];
    const stack: Node[][] = [root];
    const pattern = /\{((?:"(?:[^"\\]|\\.)*"|[^}])*)\}/g;
    let last = 0;
    for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
        if (match.index > last) {
            stack[stack.length - 1].push({ text: template.slice(last, match.index) });
        }
        last = match.index + match[0].length;
        const inner = match[1].trim();
        if (inner.startsWith("range ")) {
            const node = { range: inner.slice(6).trim(), body: [] as Node[] };
            stack[stack.length - 1].push(node);
            stack.push(node.body);
        } else if (inner === "end") {
            stack.pop();
        } else if (inner.startsWith('"')) {
            stack[stack.length - 1].push({ text: JSON.parse(inner) as string });
        } else {
            stack[stack.length - 1].push({ path: inner });
        }
    }
    if (last < template.length) {
        root.push({ text: template.slice(last) });
    }
    return root;
}

function segments(path: string): string[] {
    return path.replace(/^[@$]/, "").match(/\[\?\((?:[^()"]|"[^"]*")*\)\]|\[[^\]]*\]|\.[^.[\]]+/g) ?? [];
}

function evaluate(path: string, data: Json): Json[] {
    let current: Json[] = [data];
    for (const segment of segments(path)) {
        const filter = /^\[\?\(@((?:\.[^.=!\s)]+)+)\s*(?:(==|!=)\s*"([^"]*)")?\)\]$/.exec(segment);
        current = current.flatMap((value): Json[] => {
            if (value === null || value === undefined) {
                return [];
            }
            if (filter) {
                const items: Json[] = Array.isArray(value) ? value : [];
                return items.filter((item) => {
                    const found = evaluate(filter[1], item);
                    if (!filter[2]) {
                        return found.length > 0;
                    }
                    const same = found.length > 0 && String(found[0]) === filter[3];
                    return filter[2] === "==" ? same : !same;
                });
            }
            if (segment === "[*]") {
                return Array.isArray(value) ? value : typeof value === "object" ? Object.values(value) : [];
            }
            const index = /^\[(\d+)\]$/.exec(segment);
            if (index) {
                return Array.isArray(value) && value[Number(index[1])] !== undefined ? [value[Number(index[1])]] : [];
            }
            const key = segment.slice(1);
            return typeof value === "object" && !Array.isArray(value) && value[key] !== undefined ? [value[key]] : [];
        });
    }
    return current;
}

function format(value: Json): string {
    return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

function render(nodes: Node[], data: Json): string {
    return nodes
        .map((node) => {
            if ("text" in node) {
                return node.text;
            }
            if ("range" in node) {
                return evaluate(node.range, data)
                    .map((item) => render(node.body, item))
                    .join("");
            }
            return evaluate(node.path, data).map(format).join(" ");
        })
        .join("");
}

/** kubectl's JSONPath template output for `data`. */
export function jsonpath(template: string, data: Json): string {
    return render(parseTemplate(template), data);
}

const PLURALS: Record<string, string> = { crd: "customresourcedefinitions", endpoints: "endpoints", deploy: "deployments" };

function plural(resource: string): string {
    const base = resource.split(".")[0].toLowerCase();
    return PLURALS[base] ?? (base.endsWith("s") ? base : `${base}s`);
}

interface Parsed {
    positional: string[];
    flags: Record<string, string | true>;
    after: string[];
}

function parseArgs(argv: string[]): Parsed {
    const parsed: Parsed = { positional: [], flags: {}, after: [] };
    const valued = new Set(["-n", "--namespace", "-l", "-o", "--for", "--timeout", "--request-timeout"]);
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--") {
            parsed.after = argv.slice(i + 1);
            break;
        }
        const eq = /^(--?[a-zA-Z-]+)=(.*)$/.exec(arg);
        if (eq) {
            parsed.flags[eq[1]] = eq[2];
        } else if (valued.has(arg)) {
            parsed.flags[arg] = argv[++i];
        } else if (arg.startsWith("-")) {
            parsed.flags[arg] = true;
        } else {
            parsed.positional.push(arg);
        }
    }
    return parsed;
}

function matches(object: Json, namespace: string | undefined, selector: string | undefined): boolean {
    const meta = object.metadata ?? {};
    if (namespace !== undefined && meta.namespace !== undefined && meta.namespace !== namespace) {
        return false;
    }
    return (selector ?? "")
        .split(",")
        .filter(Boolean)
        .every((pair) => {
            const [key, value] = pair.split("=");
            return (meta.labels ?? {})[key] === value;
        });
}

class Stub {
    constructor(
        readonly state: StubState,
        readonly save: () => void,
    ) {}

    run(argv: string[]): number {
        const { positional, flags, after } = parseArgs(argv);
        const namespace = flags["-A"] ? undefined : String(flags["-n"] ?? flags["--namespace"] ?? "default");
        const [verb, ...rest] = positional;
        const [resource, name] = rest[0]?.includes("/") ? rest[0].split("/") : [rest[0], rest[1]];
        const objects = () =>
            (this.state.objects[plural(resource ?? "")] ?? []).filter((object) =>
                matches(object, namespace, flags["-l"] as string | undefined),
            );
        const find = () => objects().find((object) => object.metadata?.name === name);
        switch (verb) {
            case "version":
                return this.version();
            case "get":
                return this.get(objects, find, name, flags);
            case "wait":
                return (this.state.objects.customresourcedefinitions ?? []).some((crd) => `crd/${crd.metadata.name}` === rest[0]) ? 0 : 1;
            case "rollout":
                return this.state.rollouts?.[rest[1].split("/")[1]] ?? 0;
            case "annotate":
                return this.annotate(find(), rest.slice(2));
            case "delete":
                return this.remove(plural(resource), find(), flags["--ignore-not-found"] === true);
            case "exec":
                return this.exec(rest[0].split("/")[1], after);
            default:
                process.stderr.write(`kubectl stub: unexpected call ${argv.join(" ")}\n`);
                return 2;
        }
    }

    private version(): number {
        const left = this.state.unreachable ?? 0;
        if (left === 0) {
            return 0;
        }
        this.state.unreachable = left < 0 ? left : left - 1;
        this.save();
        process.stderr.write("The connection to the server was refused\n");
        return 1;
    }

    private get(objects: () => Json[], find: () => Json, name: string | undefined, flags: Parsed["flags"]): number {
        const output = String(flags["-o"] ?? "");
        const target = name === undefined ? { kind: "List", items: objects() } : find();
        if (target === undefined) {
            if (flags["--ignore-not-found"]) {
                return 0;
            }
            process.stderr.write(`Error from server (NotFound): "${name}" not found\n`);
            return 1;
        }
        if (name !== undefined && this.state.announcing?.includes(name)) {
            this.touch(target);
        }
        process.stdout.write(output.startsWith("jsonpath=") ? jsonpath(output.slice(9), target) : `${name ?? ""}\n`);
        return 0;
    }

    /** A member's announcement renewed: `touch-ts` (RFC 3339, seconds) 10 s later than the last one. */
    private touch(object: Json): void {
        const last = Date.parse(object.metadata.annotations?.["touch-ts"] ?? "2026-03-01T10:00:00Z");
        const next = new Date(last + 10000).toISOString().replace(/\.\d+Z$/, "Z");
        object.metadata.annotations = { ...(object.metadata.annotations ?? {}), "touch-ts": next };
        this.save();
    }

    private annotate(object: Json, pairs: string[]): number {
        if (!object) {
            return 1;
        }
        object.metadata.annotations = {
            ...(object.metadata.annotations ?? {}),
            ...Object.fromEntries(pairs.map((pair) => pair.split("="))),
        };
        this.save();
        return 0;
    }

    private remove(resource: string, object: Json, ignoreMissing: boolean): number {
        if (!object) {
            return ignoreMissing ? 0 : 1;
        }
        this.state.objects[resource] = this.state.objects[resource].filter((other) => other !== object);
        this.save();
        return 0;
    }

    private exec(deployment: string, command: string[]): number {
        if (this.state.execHangs?.includes(deployment)) {
            fs.appendFileSync(`${process.env.KUBE_STATE}.hung.log`, `${process.pid}\n`);
            setTimeout(() => process.exit(28), 40_000);
            return 0;
        }
        const answer = this.state.http?.[deployment]?.[command[command.length - 1]];
        if (answer === undefined) {
            const status = this.state.execExit?.[deployment] ?? 28;
            process.stderr.write(
                status === 28 ? "curl: (28) Connection timed out after 5001 milliseconds\n" : `error: exec failed with status ${status}\n`,
            );
            return status;
        }
        process.stdout.write(answer);
        return 0;
    }
}

/** Entry point when run as the `kubectl` of a sandbox. */
export function main(argv: string[]): number {
    const file = process.env.KUBE_STATE ?? "";
    const state = JSON.parse(fs.readFileSync(file, "utf8")) as StubState;
    fs.appendFileSync(process.env.KUBECTL_LOG ?? "/dev/null", `kubectl ${argv.join(" ")}\n`);
    return new Stub(state, () => fs.writeFileSync(file, JSON.stringify(state))).run(argv);
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
