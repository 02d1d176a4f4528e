import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FEDERATED, GSLB_ACCEPTED, amkoLeaderLines, restartGateScript } from "../../components/avi/health";
import { expectGolden } from "../golden";

const amko = { name: "amko", namespace: "avi-system" };
const leaderScript = (timeoutSeconds: number) =>
    restartGateScript({
        cluster: "tanzuhispano-db",
        what: "AMKO",
        statefulSet: amko,
        timeoutSeconds,
        ...amkoLeaderLines(timeoutSeconds),
    });

/** AMKOCluster conditions as `type|status|reason` lines (AMKO@release-2.1.1 federator/controllers/status.go wording). */
const ALL_FEDERATED = Object.entries(FEDERATED)
    .map(([type, status]) => `${type}|${status}|\n`)
    .join("");
const ONE_MEMBER_MISSING = ALL_FEDERATED.replace(
    "member cluster validation|validated all member clusters|",
    "member cluster validation|error in validating some member clusters|no AMKOCluster object present in cluster tanzuhispano-02, can't federate",
);

/**
 * A kubectl double for the AMKO gate: it keeps the AMKOCluster conditions and the GSLBConfig state in files, a status
 * patch clears them as the API server would, and `rollout restart` stands for the new AMKO pod, which writes what
 * its first reconcile finds (the scenario's "after" files). It refuses any kubeconfig but the one on stdin.
 */
const FAKE_KUBECTL =
    [
        "#!/usr/bin/env bash",
        'echo "kubectl $*" >>"$FAKE_DIR/calls"',
        'cmp -s "$KUBECONFIG" "$FAKE_DIR/kubeconfig" || { echo "kubeconfig is not the one on stdin" >&2; exit 9; }',
        'case "$*" in',
        '  *"patch amkoclusters.amko.vmware.com amkocluster-federation --subresource=status"*) : >"$FAKE_DIR/conditions" ;;',
        '  *"patch gslbconfigs.amko.vmware.com gc-1"*) : >"$FAKE_DIR/state" ;;',
        '  *"rollout restart statefulset/amko"*) cp "$FAKE_DIR/after-conditions" "$FAKE_DIR/conditions"; cp "$FAKE_DIR/after-state" "$FAKE_DIR/state" ;;',
        '  *"rollout status statefulset/amko"*) exit "${ROLLOUT:-0}" ;;',
        '  *"get amkoclusters.amko.vmware.com amkocluster-federation"*"{.type}={.status}"*)',
        '    while IFS="|" read -r type status _; do [[ -n $type ]] && printf "%s=%s\\n" "$type" "$status"; done <"$FAKE_DIR/conditions" ;;',
        '  *"get amkoclusters.amko.vmware.com amkocluster-federation"*)',
        '    while IFS="|" read -r type status reason; do [[ -n $type ]] && printf "%s: %s %s; " "$type" "$status" "$reason"; done <"$FAKE_DIR/conditions" ;;',
        '  *"get gslbconfigs.amko.vmware.com gc-1"*) printf "%s" "$(cat "$FAKE_DIR/state")" ;;',
        '  *) echo "unexpected kubectl $*" >&2; exit 3 ;;',
        "esac",
    ].join("\n") + "\n";

interface Scenario {
    /** What the last AMKO run left (stale unless cleared). */
    readonly before: { conditions: string; state: string };
    /** What the restarted AMKO writes. */
    readonly after: { conditions: string; state: string };
    /** Exit status of `rollout status`. */
    readonly rollout?: number;
}

/** Runs the leader gate with the doubles first on PATH (a fast `sleep`) and a kubeconfig on stdin. */
function runGate(scenario: Scenario, timeoutSeconds = 1): { status: number | null; stderr: string; calls: string[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "avi-gate-"));
    try {
        const realSleep = spawnSync("bash", ["-c", "command -v sleep"], { encoding: "utf8" }).stdout.trim();
        fs.mkdirSync(path.join(dir, "bin"));
        fs.writeFileSync(path.join(dir, "bin", "kubectl"), FAKE_KUBECTL, { mode: 0o755 });
        fs.writeFileSync(path.join(dir, "bin", "sleep"), `#!/usr/bin/env bash\nexec ${realSleep} 0.1\n`, { mode: 0o755 });
        const files = {
            kubeconfig: "apiVersion: v1\nkind: Config\n",
            conditions: scenario.before.conditions,
            state: scenario.before.state,
            "after-conditions": scenario.after.conditions,
            "after-state": scenario.after.state,
            calls: "",
        };
        Object.entries(files).forEach(([name, text]) => fs.writeFileSync(path.join(dir, name), text));
        const result = spawnSync("bash", ["-c", leaderScript(timeoutSeconds)], {
            input: files.kubeconfig,
            encoding: "utf8",
            env: {
                ...process.env,
                PATH: `${path.join(dir, "bin")}:${process.env.PATH ?? ""}`,
                FAKE_DIR: dir,
                ROLLOUT: String(scenario.rollout ?? 0),
            },
        });
        const calls = fs
            .readFileSync(path.join(dir, "calls"), "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => line.replace(/ -n avi-system/, ""));
        return { status: result.status, stderr: result.stderr.trim(), calls };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const stale = { conditions: ALL_FEDERATED, state: GSLB_ACCEPTED };

describe("avi gates", () => {
    it("render AKO's and the AMKO leader's gates (golden, shellchecked by test/shared)", () => {
        expectGolden(
            "avi/ako-gate.sh",
            restartGateScript({
                cluster: "tanzuhispano-01",
                what: "AKO",
                statefulSet: { name: "ako", namespace: "avi-system" },
                timeoutSeconds: 600,
            }),
        );
        expectGolden("avi/amko-leader-gate.sh", leaderScript(600));
    });

    it("clears what the last AMKO wrote, restarts it, and passes once the new one federated and was accepted", () => {
        const run = runGate({ before: stale, after: { conditions: ALL_FEDERATED, state: GSLB_ACCEPTED } });
        expect(run.stderr).to.equal("");
        expect(run.status).to.equal(0);
        expect(run.calls.slice(0, 4).map((call) => call.split(" ").slice(1, 4).join(" "))).to.deep.equal([
            "patch amkoclusters.amko.vmware.com amkocluster-federation",
            "patch gslbconfigs.amko.vmware.com gc-1",
            "rollout restart statefulset/amko",
            "rollout status statefulset/amko",
        ]);
    });

    it("never passes on the last run's success: the new AMKO's missing member fails the gate, naming it", () => {
        const run = runGate({ before: stale, after: { conditions: ONE_MEMBER_MISSING, state: "" } });
        expect(run.status).to.equal(1);
        expect(run.stderr).to.match(
            /^cluster tanzuhispano-db: AMKO did not federate to every member within 1s; AMKOCluster amkocluster-federation says: .*member cluster validation: error in validating some member clusters no AMKOCluster object present in cluster tanzuhispano-02, can't federate; /,
        );
    });

    it("fails with the GSLBConfig's own words when the GSLB leader controller does not accept it (needs AVI)", () => {
        const run = runGate({
            before: stale,
            after: {
                conditions: ALL_FEDERATED,
                state: "error: issue in connecting to the controller API, dial tcp 10.10.10.5:443: i/o timeout",
            },
        });
        expect(run.status).to.equal(1);
        expect(run.stderr).to.equal(
            "cluster tanzuhispano-db: AMKO did not get its GSLBConfig accepted by the GSLB leader controller within 1s; " +
                "GSLBConfig gc-1 says: error: issue in connecting to the controller API, dial tcp 10.10.10.5:443: i/o timeout",
        );
    });

    it("fails in one sentence when AMKO does not roll out", () => {
        const run = runGate({ before: stale, after: stale, rollout: 1 });
        expect([run.status, run.stderr]).to.deep.equal([1, "cluster tanzuhispano-db: AMKO did not roll out within 1s"]);
    });
});
