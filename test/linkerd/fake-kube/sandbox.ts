// Runs a rendered gate script the way command.local.Command does (bash -c, kubeconfig on stdin) against a fake
// cluster: the fake kubectl (transpiled from ./kubectl.ts) answers from a JSON file of objects, a fake curl serves
// the metrics of the pod a port-forward points at.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { endHungExecs } from "../../fixtures/hung-execs";

/** A Kubernetes object of the fake cluster (as the API would return it). */
export type FakeObject = Record<string, unknown> & { kind: string; metadata: Record<string, unknown> & { name: string } };

/** What the fake cluster holds and answers. */
export interface FakeClusterState {
    /** Objects, as the API server would return them. */
    readonly objects: readonly FakeObject[];
    /** Every call fails as with an API server that does not answer. */
    readonly unreachable?: boolean;
    /** Refuse every call (but exec and port-forward, which it does not bound) without `--request-timeout`. */
    readonly requireRequestTimeout?: boolean;
    /** What `kubectl -n <ns> exec <target> -- ...` prints, by `<ns>/<target>`; {@link EXEC_HANGS}: a stream that never ends. */
    readonly exec?: Readonly<Record<string, string>>;
    /** What the fake curl prints for the metrics of a port-forwarded pod, by pod name. */
    readonly metrics?: Readonly<Record<string, string>>;
}

/** The outcome of one run. */
export interface FakeRun {
    /** Exit status. */
    readonly status: number | null;
    /** Standard output. */
    readonly stdout: string;
    /** Standard error. */
    readonly stderr: string;
    /** Every kubectl call, one argv line each. */
    readonly calls: readonly string[];
    /** The objects after the run (patched, deleted). */
    readonly objects: readonly FakeObject[];
    /** Hung execs the script left running when it ended (the sandbox then ends them). */
    readonly leftHanging: number;
    /** Seconds the script ran. */
    readonly seconds: number;
}

/** An exec answer that stands for a stream that never ends, as a real exec whose connection hangs. */
export const EXEC_HANGS = "<hangs>";

/** Ends the hung fake execs still running; returns how many there were. */
function endHung(work: string): number {
    return endHungExecs(path.join(work, "hung.log"));
}

const KUBECONFIG_TEXT = "apiVersion: v1\nkind: Config\n# fake kubeconfig of the gate tests\n";

const FAKE_CURL = `#!/usr/bin/env bash
set -euo pipefail
url="\${*: -1}"
port="\${url#http://127.0.0.1:}"; port="\${port%%/*}"
pod="$(cat "$FAKE_KUBE_DIR/forward-$port" 2>/dev/null)" || { echo "curl: (7) Failed to connect to 127.0.0.1 port $port" >&2; exit 7; }
node -e 'const s=require(process.argv[1]); const m=(s.metrics||{})[process.argv[2]]; if (m===undefined) process.exit(22); process.stdout.write(m);' "$FAKE_KUBE_DIR/state.json" "$pod"
`;

let compiled: string | undefined;

/** The fake's JavaScript, transpiled once per test process into a cache folder. */
function compiledFake(): string {
    if (compiled === undefined) {
        compiled = fs.mkdtempSync(path.join(os.tmpdir(), "fake-kubectl-js-"));
        for (const file of ["kubectl", "jsonpath"]) {
            const source = fs.readFileSync(path.join(__dirname, `${file}.ts`), "utf8");
            const output = ts.transpileModule(source, {
                compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
            });
            fs.writeFileSync(path.join(compiled, `${file}.js`), output.outputText);
        }
    }
    return compiled;
}

/** Runs `script` against a fake cluster holding `state`; `env` adds variables; the run is killed after `limitSeconds` (60). */
export function runAgainstFake(script: string, state: FakeClusterState, env: Record<string, string> = {}, limitSeconds = 60): FakeRun {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "fake-kube-"));
    try {
        const bin = path.join(work, "bin");
        fs.mkdirSync(bin);
        fs.writeFileSync(path.join(bin, "kubectl"), `#!/bin/sh\nexec "${process.execPath}" "${compiledFake()}/kubectl.js" "$@"\n`, {
            mode: 0o755,
        });
        fs.writeFileSync(path.join(bin, "curl"), FAKE_CURL, { mode: 0o755 });
        fs.writeFileSync(path.join(work, "state.json"), JSON.stringify(state));
        fs.writeFileSync(path.join(work, "calls.log"), "");
        const started = Date.now();
        const result = spawnSync("bash", ["-c", script], {
            input: KUBECONFIG_TEXT,
            encoding: "utf8",
            timeout: limitSeconds * 1000,
            env: { PATH: `${bin}:${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: work, TMPDIR: work, FAKE_KUBE_DIR: work, ...env },
        });
        const seconds = (Date.now() - started) / 1000;
        const after = JSON.parse(fs.readFileSync(path.join(work, "state.json"), "utf8")) as FakeClusterState;
        return {
            status: result.status,
            stdout: result.stdout,
            stderr: result.stderr,
            leftHanging: endHung(work),
            seconds,
            calls: fs.readFileSync(path.join(work, "calls.log"), "utf8").split("\n").filter(Boolean),
            objects: after.objects,
        };
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}
