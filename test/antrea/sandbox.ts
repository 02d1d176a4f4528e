// Runs the Antrea local scripts against the kubectl stub: a temp dir with `kubectl`, a fast `sleep`, and the state file.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { StubState } from "./kubectl-stub";
import { endHungExecs } from "../fixtures/hung-execs";

/** Result of one script run. */
export interface ScriptRun {
    /** Exit status. */
    readonly status: number | null;
    /** Standard output. */
    readonly stdout: string;
    /** Standard error. */
    readonly stderr: string;
    /** The kubectl calls, in order. */
    readonly calls: string[];
    /** The state after the run (annotations and deletions applied). */
    readonly state: StubState;
    /** Hung execs (`execHangs`) the script left running when it ended (the sandbox then ends them). */
    readonly leftHanging: number;
    /** Seconds the script ran. */
    readonly seconds: number;
}

const made: string[] = [];
let compiled: string | undefined;

/** The stub as JavaScript (transpiled once per test run). */
function stubJs(): string {
    compiled ??= ts.transpileModule(fs.readFileSync(path.join(__dirname, "kubectl-stub.ts"), "utf8"), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    }).outputText;
    return compiled;
}

/** Ends the hung stub execs listed in `file` that still run; returns how many there were. */
function endHung(file: string): number {
    return endHungExecs(file);
}

/** Runs `script` (kubeconfig on stdin, as clusterScript does) with the stub answering from `state`, killed after `limitSeconds`. */
export function runScript(script: string, state: StubState, limitSeconds = 60): ScriptRun {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "antrea-stub-"));
    made.push(dir);
    fs.mkdirSync(path.join(dir, "bin"));
    fs.writeFileSync(path.join(dir, "kubectl.js"), stubJs());
    fs.writeFileSync(path.join(dir, "bin", "kubectl"), `#!/bin/bash\nexec node "${dir}/kubectl.js" "$@"\n`, { mode: 0o755 });
    // Polls sleep 2-5 s between attempts; the stub's state does not change by itself, so a short real pause is enough.
    fs.writeFileSync(path.join(dir, "bin", "sleep"), "#!/bin/bash\nexec /bin/sleep 0.2\n", { mode: 0o755 });
    const stateFile = path.join(dir, "state.json");
    fs.writeFileSync(stateFile, JSON.stringify(state));
    const log = path.join(dir, "calls.log");
    fs.writeFileSync(log, "");
    const started = Date.now();
    const result = spawnSync("/bin/bash", ["-c", script], {
        input: "apiVersion: v1\nkind: Config\n",
        encoding: "utf8",
        timeout: limitSeconds * 1000,
        env: {
            PATH: `${dir}/bin:${path.dirname(process.execPath)}:/usr/bin:/bin`,
            KUBE_STATE: stateFile,
            KUBECTL_LOG: log,
            TMPDIR: dir,
            HOME: dir,
        },
    });
    return {
        status: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
        calls: fs.readFileSync(log, "utf8").split("\n").filter(Boolean),
        state: JSON.parse(fs.readFileSync(stateFile, "utf8")) as StubState,
        leftHanging: endHung(`${stateFile}.hung.log`),
        seconds: (Date.now() - started) / 1000,
    };
}

/** Removes every sandbox made so far (call from an `after` hook). */
export function removeSandboxes(): void {
    for (const dir of made.splice(0)) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
