// A sandbox for the local kind scripts: a stub `kind` that keeps its clusters in files, and interruptible runs.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { snapshotTree, withBoundaryTrap } from "../fixtures/kubeadm-sandbox";

/** A fake `kind` that keeps its clusters in $KIND_STATE and logs its calls. */
export const KIND_STUB = `#!/bin/bash
set -euo pipefail
printf '%s\\n' "kind $*" >>"$KIND_STATE/calls.log"
if [[ -n \${STUB_FAIL:-} ]]; then echo "kind: simulated failure ($*)" >&2; exit 1; fi
flag() { local want=$1; shift; while (($#)); do if [[ $1 == "$want" ]]; then echo "$2"; return; fi; shift; done; }
name=$(flag --name "$@")
case "$1 $2" in
  "get clusters")
    ls "$KIND_STATE/clusters" 2>/dev/null || true; [[ -n "$(ls "$KIND_STATE/clusters" 2>/dev/null)" ]] || echo "No kind clusters found." >&2
    if [[ -f $KIND_STATE/more-clusters ]]; then cat "$KIND_STATE/more-clusters"; fi ;;
  "create cluster")
    grep -q "^name: $name\\$" "$(flag --config "$@")"; mkdir -p "$KIND_STATE/clusters"
    if [[ -e $KIND_STATE/clusters/$name ]]; then echo "ERROR: failed to create cluster: node(s) already exist for a cluster with the name \\"$name\\"" >&2; exit 1; fi
    if [[ -n \${STUB_PARTIAL:-} ]]; then echo half >"$KIND_STATE/clusters/$name"; echo "kind: killed half-way through create" >&2; exit 137; fi
    cp "$(flag --config "$@")" "$KIND_STATE/clusters/$name"; echo fake >"$(flag --kubeconfig "$@")" ;;
  "delete cluster") rm -f "$KIND_STATE/clusters/$name"; echo "Deleting cluster \\"$name\\" ..." ;;
  "get kubeconfig")
    [[ -f $KIND_STATE/clusters/$name ]] || { echo "ERROR: could not locate any control plane nodes for cluster named '$name'" >&2; exit 1; }
    server="https://127.0.0.1:40123"
    if [[ " $* " == *" --internal "* ]]; then server=\${KIND_INTERNAL_SERVER:-https://$name-control-plane:6443}; fi
    printf 'apiVersion: v1\\nclusters:\\n- cluster:\\n    certificate-authority-data: Q0E=\\n    server: %s\\n  name: kind-%s\\n' "$server" "$name" ;;
esac
`;

/** Every sandbox made, removed after the tests. */
export const made: string[] = [];

/** Runs local kind scripts with the stub first on PATH; HOME (the scripts' state directory) is the sandbox too. */
export class KindSandbox {
    readonly state = fs.mkdtempSync(path.join(os.tmpdir(), "kind-"));
    private offset = 0;

    constructor(from?: KindSandbox) {
        made.push(this.state);
        if (from) {
            fs.cpSync(from.state, this.state, { recursive: true });
            this.offset = from.offset;
            return;
        }
        fs.mkdirSync(path.join(this.state, "bin"));
        fs.writeFileSync(path.join(this.state, "bin", "kind"), KIND_STUB, { mode: 0o755 });
        fs.writeFileSync(path.join(this.state, "calls.log"), "");
    }

    /** Runs a script; with `killAt`, counts its step boundaries and SIGKILLs it (its process group) at that one. */
    run(
        script: string,
        env: Record<string, string> = {},
        killAt?: number,
    ): { status: number | null; signal: string | null; boundaries: number; stdout: string; stderr: string; calls: string[] } {
        const boundaries = path.join(this.state, "boundaries");
        fs.writeFileSync(boundaries, "0\n");
        const counted = killAt !== undefined;
        const result = spawnSync(
            counted ? "setsid" : "/bin/bash",
            counted ? ["/bin/bash", "-c", withBoundaryTrap(script)] : ["-c", script],
            {
                // HOME: bash reads ~/.bashrc when stdin is a socket (as Node's pipes are); keep the developer's out.
                encoding: "utf8",
                env: {
                    PATH: `${this.state}/bin:/usr/bin:/bin`,
                    KIND_STATE: this.state,
                    TMPDIR: this.state,
                    HOME: this.state,
                    SANDBOX_BOUNDARIES: boundaries,
                    SANDBOX_KILL_AT: String(killAt ?? 0),
                    ...env,
                },
            },
        );
        const log = fs.readFileSync(path.join(this.state, "calls.log"), "utf8");
        const calls = log.slice(this.offset).split("\n").filter(Boolean);
        this.offset = log.length;
        const count = Number(fs.readFileSync(boundaries, "utf8").trim() || "0");
        return { status: result.status, signal: result.signal, boundaries: count, stdout: result.stdout, stderr: result.stderr, calls };
    }

    /** The kind clusters and the scripts' own state (mode and content), without the sandbox's bookkeeping. */
    snapshot(): Record<string, string> {
        const entries = snapshotTree(this.state, (relative) => !/^(calls\.log|boundaries(\.trace)?|bin)$/.test(relative));
        return Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, value.split(this.state).join("<state>")]));
    }
}

/** Removes every sandbox made so far (call from an `after` hook). */
export function removeKindSandboxes(): void {
    made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
}
