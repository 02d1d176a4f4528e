import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { KubeadmClusterArgs, PlainKubeadmClusterArgs, ResolvedKubeadmClusterArgs } from "../../components/kubeadm/types";
import { kubeadmClusterDefaults } from "../../components/kubeadm/resolve";
import { ConfigValidationError } from "../../components/shared/validation";
import { asRoot } from "../../components/kubeadm/script-kit";
import { fromYaml } from "../../components/shared/yaml";
import { isSecretValue } from "../../tools/engine/secret-values";
import { diffRecordings } from "../../tools/engine/diff";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { SimulationState } from "../../tools/engine/state";
import { HIGHLY_AVAILABLE, SMALL } from "../fixtures/kubeadm-clusters";
import { GOLDEN_DIR } from "../golden";
import { RecordedGraph, recordProgram } from "../mocks";

const COMMAND = "command:remote:Command";
const SECRET_STEPS = ["cp-1-pki", "init", "token", "worker-1-join", "w2-join"];

/** Records a program that declares one KubeadmCluster and exports its outputs. */
async function record(name: string, args: KubeadmClusterArgs | ResolvedKubeadmClusterArgs, preview = false): Promise<RecordedGraph> {
    const graph = await recordProgram(
        () => {
            const cluster = "resolved" in args ? KubeadmCluster.fromResolved(name, args) : new KubeadmCluster(name, args);
            return { kubeconfig: cluster.kubeconfig, caCertHash: cluster.caCertHash, apiServer: cluster.apiServer };
        },
        { preview },
    );
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return graph;
}

const golden = (file: string) => fs.readFileSync(path.join(GOLDEN_DIR, "kubeadm", file), "utf8");

describe("KubeadmCluster (mocks graph)", () => {
    let graph: RecordedGraph;
    const step = (role: string): RecordedResource => graph.find(COMMAND, `alpha-${role}`);
    const input = (role: string, key: string): unknown => graph.inputsOf(step(role))[key];

    before(async () => {
        graph = await record("alpha", SMALL);
    });

    it("is one component whose children are all named alpha-<role> and parented to it", () => {
        const component = graph.find("multicluster:kubeadm:KubeadmCluster", "alpha");
        const children = graph.records.filter((record) => record.parent === component.urn);
        expect(children.length).to.be.greaterThan(20);
        for (const child of children) {
            expect(child.name, child.type).to.match(/^alpha-/);
        }
        expect(graph.ofType(COMMAND).map((record) => record.name)).to.have.members([
            "alpha-cp-1-prepare",
            "alpha-worker-1-prepare",
            "alpha-w2-prepare",
            "alpha-cp-1-pki",
            "alpha-init",
            "alpha-ready",
            "alpha-token",
            "alpha-worker-1-deregister",
            "alpha-w2-deregister",
            "alpha-worker-1-join",
            "alpha-worker-1-cleanup",
            "alpha-w2-join",
            "alpha-w2-cleanup",
            "alpha-upgrade-cp-1",
            "alpha-upgrade-worker-1",
            "alpha-upgrade-w2",
        ]);
    });

    it("each worker's join waits for its own prepare and the token (which follows init), never for other workers or the ready wait", () => {
        expect(graph.dependsOn(step("token"), step("init"))).to.equal(true);
        expect(graph.dependsOn(step("token"), step("ready"))).to.equal(false);
        for (const [self, other] of [
            ["worker-1", "w2"],
            ["w2", "worker-1"],
        ]) {
            const join = step(`${self}-join`);
            expect(graph.dependsOn(join, step("ready")), `${self}-join does not wait for the in-cluster ready check`).to.equal(false);
            for (const needed of [`${self}-prepare`, "token"]) {
                expect(graph.dependsOn(join, step(needed)), `${self}-join after ${needed}`).to.equal(true);
            }
            for (const role of [`${other}-prepare`, `${other}-join`, `${other}-cleanup`]) {
                expect(graph.dependsOn(join, step(role)), `${self}-join must not wait for ${role}`).to.equal(false);
            }
        }
    });

    it("prepares every node in parallel, gated by nothing", () => {
        for (const role of ["cp-1-prepare", "worker-1-prepare", "w2-prepare"]) {
            expect(step(role).dependencies).to.deep.equal([]);
        }
        expect(graph.dependsOn(step("init"), step("cp-1-prepare"))).to.equal(true);
        expect(graph.dependsOn(step("init"), step("cp-1-pki"))).to.equal(true);
    });

    it("passes every secret on stdin with logging off, never in the command text", () => {
        const token = String(
            (fromYaml(String(input("init", "stdin")).split("---")[0]) as { bootstrapTokens: { token: string }[] }).bootstrapTokens[0].token,
        );
        expect(token).to.match(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
        for (const role of SECRET_STEPS) {
            const record = step(role);
            expect(graph.isSecretInput(record, "stdin"), `${role} stdin`).to.equal(true);
            expect(input(role, "logging"), role).to.equal("none");
            expect(record.options.additionalSecretOutputs, role).to.include.members(["stdout", "stderr"]);
        }
        expect(String(input("worker-1-join", "stdin"))).to.contain(token);
        for (const record of graph.ofType(COMMAND)) {
            const text = `${String(graph.inputsOf(record).create)}${String(graph.inputsOf(record).delete ?? "")}`;
            expect(text, record.name).not.to.contain(token).and.not.to.contain("PRIVATE KEY").and.not.to.contain("ssh-canary");
            expect(graph.isSecretInput(record, "connection"), `${record.name} connection`).to.equal(true);
        }
    });

    it("makes the kubeconfig secret everywhere it appears", () => {
        const component = graph.find("multicluster:kubeadm:KubeadmCluster", "alpha");
        expect(isSecretValue(component.outputs?.kubeconfig)).to.equal(true);
        const stack = graph.find("pulumi:pulumi:Stack", "multicluster-test");
        expect(isSecretValue(stack.outputs?.kubeconfig)).to.equal(true);
        const provider = graph.find("pulumi:providers:kubernetes", "alpha-k8s");
        expect(graph.isSecretInput(provider, "kubeconfig")).to.equal(true);
        // The incarnation: the init step's ID, so a replaced `kubeadm init` (a new cluster) replaces every in-cluster resource.
        expect(graph.inputsOf(provider).clusterIdentifier).to.match(/^alpha@alpha-init-[0-9a-f]{8}$/);
        expect(graph.dependsOn(provider, graph.find("command:remote:Command", "alpha-init"))).to.equal(true);
        expect(provider.parent).to.equal(component.urn);
    });

    it("leaves deleteUnreachable off, so a refresh while the API is unreachable errors instead of forgetting every in-cluster object", () => {
        // pulumi-kubernetes@v4.32.0 provider/pkg/provider/provider.go Read: with deleteUnreachable, an unreachable cluster
        // answers every read with "deleted"; the provider setting also overrides PULUMI_K8S_DELETE_UNREACHABLE.
        const provider = graph.find("pulumi:providers:kubernetes", "alpha-k8s");
        expect(graph.inputsOf(provider)).to.not.have.property("deleteUnreachable");
    });

    it("marks every destructive delete (kubeadm reset, drain, kubelet stop, PKI removal) deleteBeforeReplace", () => {
        const withDelete = graph.ofType(COMMAND).filter((record) => graph.inputsOf(record).delete !== undefined);
        expect(withDelete.map((record) => record.name)).to.include.members([
            "alpha-init",
            "alpha-worker-1-join",
            "alpha-w2-join",
            "alpha-worker-1-cleanup",
            "alpha-worker-1-deregister",
        ]);
        for (const record of withDelete) {
            expect(record.options.deleteBeforeReplace, record.name).to.equal(true);
        }
        expect(String(input("init", "delete"))).to.contain("kubeadm reset --force");
        expect(String(input("worker-1-cleanup", "delete"))).to.contain("drain alpha-worker-1");
    });

    it("runs exactly the reviewed scripts", () => {
        expect(input("init", "create")).to.equal(asRoot(golden("init.sh")));
        expect(input("worker-1-join", "create")).to.equal(asRoot(golden("join-worker.sh")));
        expect(input("worker-1-join", "delete")).to.equal(asRoot(golden("reset-worker.sh")));
        expect(input("worker-1-prepare", "create")).to.equal(asRoot(golden("prepare-node.sh")));
        expect(input("ready", "create")).to.equal(golden("remote-command-wait-ready.sh"));
    });

    it("makes the ready step what in-cluster resources wait on, and the API address the shared endpoint", async () => {
        let declared: KubeadmCluster | undefined;
        await recordProgram(() => {
            declared = new KubeadmCluster("alpha", SMALL);
        });
        expect(declared?.ready).to.deep.equal([declared?.steps.get("ready")]);
        expect(declared?.network).to.deep.equal({
            podCidrs: ["10.240.0.0/16"],
            serviceCidrs: ["10.96.0.0/16"],
            nodeAddresses: ["10.0.0.10", "10.0.0.21", "10.0.0.22"],
        });
        const stack = graph.find("pulumi:pulumi:Stack", "multicluster-test");
        expect(stack.outputs?.apiServer).to.equal("https://10.0.0.10:6443");
        expect(graph.inputsOf(graph.find("multicluster:kubeadm:KubeadmCluster", "alpha")).podCidr).to.equal("10.240.0.0/16");
    });

    it("adding a worker (on the same state) creates only that worker's steps and re-runs the token step, replacing nothing", async () => {
        const state = new SimulationState();
        const run = async (args: KubeadmClusterArgs) => {
            const result = await runProgram({
                project: "multicluster",
                stack: "test",
                config: {},
                secretKeys: [],
                simulation: { state },
                program: () => new KubeadmCluster("alpha", args),
            });
            expect(result.error, String(result.error)).to.equal(undefined);
            return result.records;
        };
        const before = await run(SMALL);
        const after = await run({ ...SMALL, workers: [...(SMALL.workers ?? []), { host: "10.0.0.23" }] });
        const actions = diffRecordings(before, after)
            .filter((diff) => diff.type === COMMAND)
            .map((diff) => `${diff.name} ${diff.action}`);
        expect(actions).to.have.members([
            "alpha-token update",
            "alpha-worker-3-prepare create",
            "alpha-worker-3-deregister create",
            "alpha-worker-3-join create",
            "alpha-worker-3-cleanup create",
            "alpha-upgrade-worker-3 create",
        ]);
    });

    it("puts node preflight checks in every prepare step's script, so a changed check re-runs it in place (no release of the kubelet)", async () => {
        const check = {
            name: "cn2-kernel",
            script: 'uname -r | grep -q "^5\\." || { echo "kernel $(uname -r) is not supported" >&2; exit 1; }',
        };
        const checked = await record("alpha", { ...SMALL, nodePreflight: [check] });
        for (const role of ["cp-1-prepare", "worker-1-prepare", "w2-prepare"]) {
            const inputs = checked.inputsOf(checked.find(COMMAND, `alpha-${role}`));
            expect(String(inputs.create)).to.contain(`# node preflight check cn2-kernel\n(\n`).and.to.contain(check.script);
            expect(inputs.triggers, "a trigger would replace the step: its delete stops the kubelet of a running node").to.deep.equal(
                graph.inputsOf(step(role)).triggers,
            );
        }
    });

    it("removing a worker leaves its drain, reset and Node deletion to run, in that order (dependents are deleted first)", async () => {
        const shrunk = await record("alpha", { ...SMALL, workers: [SMALL.workers![0]] });
        expect(shrunk.ofType(COMMAND).map((record) => record.name)).not.to.include.members(["alpha-w2-join"]);
        expect(graph.dependsOn(step("w2-cleanup"), step("w2-join"))).to.equal(true);
        expect(graph.dependsOn(step("w2-join"), step("w2-deregister"))).to.equal(true);
        expect(String(input("w2-cleanup", "delete")))
            .to.contain("drain alpha-w2 ")
            .and.not.to.contain("delete node");
        expect(String(input("w2-join", "delete"))).to.contain("kubeadm reset --force");
        expect(String(input("w2-deregister", "delete"))).to.contain("delete node alpha-w2 --ignore-not-found");
    });

    it("has no dynamic resource: the version is in the upgrade scripts, not in a record a provider checks", () => {
        expect(graph.ofType("pulumi-nodejs:dynamic:Resource")).to.deep.equal([]);
        expect(String(input("upgrade-cp-1", "create"))).to.contain("target=1.36.1");
    });

    it("HA: control planes get the PKI and join one after another; SSH goes through the bastion with pinned host keys", async () => {
        const ha = await record("beta", HIGHLY_AVAILABLE);
        const find = (role: string) => ha.find(COMMAND, `beta-${role}`);
        expect(ha.dependsOn(find("cp-3-join"), find("cp-2-join"))).to.equal(true);
        expect(ha.dependsOn(find("cp-2-join"), find("cp-2-pki"))).to.equal(true);
        expect(ha.dependsOn(find("worker-1-join"), find("cp-2-join"))).to.equal(false);
        const connection = ha.inputsOf(find("init")).connection as Record<string, unknown>;
        expect(connection).to.deep.include({
            host: "10.1.0.11",
            port: 2222,
            user: "root",
            hostKey: HIGHLY_AVAILABLE.controlPlanes[0].hostKey,
        });
        expect(connection.proxy).to.deep.include({ host: "bastion.example.com", port: 22, user: "root" });
        expect(connection, "no key given: the SSH agent is used").not.to.have.property("privateKey");
    });

    it("previews without error while every certificate is still unknown", async () => {
        await record("alpha", SMALL, true);
    });

    it("KubeadmCluster.fromResolved takes resolved args as they are (a stack checked the rules once when it loaded): the same resources and scripts as from raw args", async () => {
        const resolved = await record("alpha", {
            resolved: kubeadmClusterDefaults("alpha", SMALL),
            privateKey: SMALL.ssh?.privateKey ?? "",
        });
        const shape = (of: RecordedGraph) =>
            of.records
                .map((record) =>
                    JSON.stringify([record.type, record.name, record.type === COMMAND ? of.inputsOf(record).create : undefined]),
                )
                .sort();
        expect(shape(resolved)).to.deep.equal(shape(graph));
    });

    it("checks raw args (a library user gets every rule), but not resolved ones, and refuses resolved args of another cluster", async () => {
        const twoControlPlanes: PlainKubeadmClusterArgs = {
            ...SMALL,
            controlPlanes: [{ host: "10.0.0.11" }, { host: "10.0.0.12" }],
            workers: [],
        };
        const raw = await recordProgram(() => new KubeadmCluster("alpha", twoControlPlanes));
        expect(raw.error).to.be.instanceOf(ConfigValidationError);
        expect(raw.records.filter((record) => record.type === COMMAND)).to.deep.equal([]);
        await record("alpha", { resolved: kubeadmClusterDefaults("alpha", twoControlPlanes) });
        const other = await recordProgram(() => KubeadmCluster.fromResolved("beta", { resolved: kubeadmClusterDefaults("alpha", SMALL) }));
        expect(String(other.error)).to.contain('KubeadmCluster "beta": resolved arguments of cluster "alpha" given');
    });
});
