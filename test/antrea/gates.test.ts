import { expect } from "chai";
import { leaderCountsMemberScript, memberReadyScript, peersSeenScript } from "../../components/antrea/cluster-set/health";
import { controllerReadyScript, leaderFirstScript } from "../../components/antrea/health";
import { clusterInfoImport, clusterSet, controllerDeployment, controllerPod, crd, gateway, memberAnnounce } from "./fixtures/mc-objects";
import { StubState, jsonpath } from "./kubectl-stub";
import { removeSandboxes, runScript } from "./sandbox";

const POD_START = "2026-03-01T10:00:00Z";
const BEFORE = "2026-03-01T09:59:59Z";
const AFTER = "2026-03-01T10:00:12Z";
const ready = (at: string) => [
    { type: "Ready", status: "True", at },
    { type: "IsLeader", status: "True", at },
];

/** Member east of a ClusterSet whose leader is north: its controller Pod, ClusterSet and Gateway. */
function memberState(options: { readyAt?: string; pods?: object[]; gateways?: object[]; observed?: number } = {}): StubState {
    return {
        objects: {
            pods: options.pods ?? [controllerPod("kube-system", "antrea-mc-controller-b", POD_START)],
            clustersets: [
                clusterSet({
                    name: "cs",
                    namespace: "kube-system",
                    generation: 2,
                    observed: options.observed ?? 2,
                    clusters: [{ id: "north", conditions: ready(options.readyAt ?? AFTER) }],
                }),
            ],
            gateways: options.gateways ?? [gateway("east-worker-1", "192.168.1.12", "10.96.0.0/16")],
        },
    };
}

const memberGate = (t = 1) =>
    memberReadyScript({
        cluster: "east",
        clusterSetId: "cs",
        leaderId: "north",
        timeoutSeconds: t,
        serviceCidr: "10.96.0.0/16",
        gateways: [{ node: "east-worker-1" }, { node: "east-worker-2", ip: "203.0.113.7" }],
    });

describe("antrea gate scripts against v2.7.0 object shapes (kubectl stub)", function () {
    this.timeout(30000);
    after(removeSandboxes);

    it("the stub follows kubectl's JSONPath: ranges, filters on nested lists, literals, missing keys", () => {
        const cs = clusterSet({
            name: "cs",
            namespace: "x",
            clusters: [
                { id: "a", conditions: ready(AFTER) },
                { id: "b", conditions: [] },
            ],
        });
        expect(
            jsonpath('{range .status.clusterStatuses[?(@.clusterID=="a")].conditions[*]}{.type}{" "}{.status}{"\\n"}{end}', cs),
        ).to.equal("Ready True\nIsLeader True\n");
        expect(jsonpath("{.status.nothing}{.metadata.name}", cs)).to.equal("cs");
        expect(jsonpath("{.status.clusterStatuses[*].clusterID}", cs)).to.equal("a b");
    });

    it("member gate: passes on a status the running controller wrote, naming the Gateway", () => {
        const run = runScript(memberGate(), memberState());
        expect(run.stderr).to.equal("");
        expect(run.status).to.equal(0);
        expect(run.stdout).to.contain("connected to leader north through Gateway east-worker-1");
    });

    it("member gate: fails on a Ready condition older than the running controller Pod (a previous Pod's status)", () => {
        const run = runScript(memberGate(), memberState({ readyAt: BEFORE }));
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain(`Ready dates from ${BEFORE}, before the running controller started (${POD_START}): stale status`);
    });

    it("member gate: dates the controller by its newest Pod that is not terminating", () => {
        const pods = [
            controllerPod("kube-system", "old", "2026-03-01T08:00:00Z"),
            controllerPod("kube-system", "new", AFTER, "2026-03-01T10:00:20Z"),
        ];
        expect(runScript(memberGate(), memberState({ readyAt: "2026-03-01T09:00:00Z", pods })).status).to.equal(0);
        const terminatingOnly = runScript(memberGate(), memberState({ pods: [controllerPod("kube-system", "old", BEFORE, AFTER)] }));
        expect(terminatingOnly.stderr).to.contain("no antrea-mc-controller Pod runs in kube-system");
    });

    it("member gate: fails while the controller has not processed the ClusterSet's generation", () => {
        expect(runScript(memberGate(), memberState({ observed: 1 })).stderr).to.contain("has not processed ClusterSet generation 2 yet");
    });

    it("member gate: refuses a Gateway that is not a candidate, a pinned IP not in effect, or a wrong Service CIDR", () => {
        const stray = runScript(memberGate(), memberState({ gateways: [gateway("east-worker-3", "192.168.1.14", "10.96.0.0/16")] }));
        expect(stray.stderr).to.contain("Gateway east-worker-3 is not one of the candidate Nodes east-worker-1 east-worker-2");
        const unpinned = runScript(memberGate(), memberState({ gateways: [gateway("east-worker-2", "192.168.1.13", "10.96.0.0/16")] }));
        expect(unpinned.stderr).to.contain("Gateway east-worker-2 has IP 192.168.1.13, not the pinned 203.0.113.7");
        const cidr = runScript(memberGate(), memberState({ gateways: [gateway("east-worker-1", "192.168.1.12", "10.100.0.0/16")] }));
        expect(cidr.stderr).to.contain("carries Service CIDR 10.100.0.0/16, not 10.96.0.0/16");
        expect(runScript(memberGate(), memberState({ gateways: [] })).stderr).to.contain("no Gateway yet");
    });

    const peers = [
        { clusterId: "west", serviceCidr: "10.97.0.0/16", podCidrs: ["10.2.0.0/16"], gatewayIps: [] },
        { clusterId: "north", serviceCidr: "10.98.0.0/16", podCidrs: ["10.3.0.0/16"], gatewayIps: ["192.168.3.12"] },
    ];
    const imports = (publicKey?: string) => [
        clusterInfoImport("west", {
            serviceCIDR: "10.97.0.0/16",
            gatewayIP: "192.168.2.12",
            podCIDRs: ["10.2.0.0/16"],
            ...(publicKey ? { publicKey } : {}),
        }),
        clusterInfoImport("north", {
            serviceCIDR: "10.98.0.0/16",
            gatewayIP: "192.168.3.12",
            podCIDRs: ["10.3.0.0/16"],
            ...(publicKey ? { publicKey } : {}),
        }),
    ];

    it("peers gate: passes when every peer's ClusterInfo is imported as configured, and says which is missing or wrong", () => {
        const gate = (wireGuard: boolean) => peersSeenScript({ cluster: "east", peers, wireGuard, timeoutSeconds: 1 });
        expect(runScript(gate(false), { objects: { clusterinfoimports: imports() } }).status).to.equal(0);
        expect(runScript(gate(false), { objects: { clusterinfoimports: imports().slice(0, 1) } }).stderr).to.contain(
            "no ClusterInfoImport from member north yet",
        );
        const moved = [
            imports()[0],
            clusterInfoImport("north", { serviceCIDR: "10.98.0.0/16", gatewayIP: "192.168.3.99", podCIDRs: ["10.3.0.0/16"] }),
        ];
        expect(runScript(gate(false), { objects: { clusterinfoimports: moved } }).stderr).to.contain(
            "member north exports gateway IP 192.168.3.99, not one of its pinned 192.168.3.12",
        );
        expect(runScript(gate(true), { objects: { clusterinfoimports: imports() } }).stderr).to.contain(
            "member west exports no WireGuard public key",
        );
        expect(runScript(gate(true), { objects: { clusterinfoimports: imports("k3y=") } }).status).to.equal(0);
    });

    /** The leader's view of member east: its ClusterSet status and east's announcement (renewed when `announcing`). */
    const leaderState = (
        at: string,
        status = "True",
        announce: { touch?: string; announcing?: boolean } = { touch: AFTER, announcing: true },
    ): StubState => ({
        announcing: announce.announcing ? ["member-announce-from-east"] : [],
        objects: {
            pods: [controllerPod("antrea-mcs-ns", "antrea-mc-controller-x", POD_START)],
            clustersets: [
                clusterSet({
                    name: "cs",
                    namespace: "antrea-mcs-ns",
                    clusters: [{ id: "east", conditions: [{ type: "Ready", status, at }] }],
                }),
            ],
            memberclusterannounces: [memberAnnounce("antrea-mcs-ns", "east", announce.touch)],
        },
    });
    const leaderGate = leaderCountsMemberScript({
        cluster: "north",
        namespace: "antrea-mcs-ns",
        clusterSetId: "cs",
        memberId: "east",
        timeoutSeconds: 1,
    });
    /** Passing needs two looks at the announcement (a new touch-ts), so a bound that always leaves time for both. */
    const patientLeaderGate = leaderCountsMemberScript({
        cluster: "north",
        namespace: "antrea-mcs-ns",
        clusterSetId: "cs",
        memberId: "east",
        timeoutSeconds: 20,
    });

    it("leader gate: passes when the running leader controller counts the member Ready, not on a previous Pod's status", () => {
        expect(runScript(patientLeaderGate, leaderState(AFTER)).status).to.equal(0);
        expect(runScript(leaderGate, leaderState(BEFORE)).stderr).to.contain("before the running leader controller started");
        expect(runScript(leaderGate, leaderState(AFTER, "False")).stderr).to.contain("Ready=False");
    });

    it("leader gate: a restarted leader's Ready, re-derived from an old announcement, is no proof until the member announces again", () => {
        // leader/memberclusterannounce_controller.go marks every existing announcement Ready at its first reconcile.
        const silent = runScript(leaderGate, leaderState(AFTER, "True", { touch: BEFORE, announcing: false }));
        expect(silent.status).to.equal(1);
        expect(silent.stderr).to.contain(`member east has not announced itself since ${BEFORE}`);
        const never = runScript(leaderGate, leaderState(AFTER, "True", { announcing: false }));
        expect(never.stderr).to.contain("member east has not announced itself yet");
        const live = runScript(patientLeaderGate, leaderState(AFTER, "True", { touch: BEFORE, announcing: true }));
        expect(live.status, live.stderr).to.equal(0);
        expect(live.calls.filter((call) => call.includes("memberclusterannounces")).length).to.be.greaterThan(1);
    });

    it("leader first: nothing to wait for on a first install; waits for the leader's rollout at the tag; fails on an older leader", () => {
        const script = leaderFirstScript({
            cluster: "north",
            namespace: "antrea-mcs-ns",
            member: "east",
            tag: "v2.8.0",
            timeoutSeconds: 1,
        });
        const first = runScript(script, { objects: {} });
        expect([first.status, first.stdout]).to.deep.equal([
            0,
            "leader north has no antrea-mc-controller yet (first install): nothing to wait for\n",
        ]);
        const upgraded = runScript(script, {
            objects: { deployments: [controllerDeployment("antrea-mcs-ns", "antrea/antrea-mc-controller:v2.8.0")] },
        });
        expect(upgraded.status).to.equal(0);
        expect(upgraded.calls).to.include("kubectl -n antrea-mcs-ns rollout status deployment/antrea-mc-controller --timeout=1s");
        const old = runScript(script, {
            objects: { deployments: [controllerDeployment("antrea-mcs-ns", "antrea/antrea-mc-controller:v2.7.0")] },
        });
        expect(old.status).to.equal(1);
        expect(old.stderr).to.contain("leader north: its antrea-mc-controller still runs antrea/antrea-mc-controller:v2.7.0 after 1s");
    });

    it("controller wait: CRDs, rollout and CA under one deadline, one sentence on failure", () => {
        const script = controllerReadyScript({
            cluster: "east",
            role: "member",
            namespace: "kube-system",
            crds: ["gateways.multicluster.crd.antrea.io"],
            timeoutSeconds: 1,
            webhooks: [{ kind: "validatingwebhookconfiguration", name: "antrea-mc-validating-webhook-configuration" }],
        });
        const webhook = {
            kind: "ValidatingWebhookConfiguration",
            metadata: { name: "antrea-mc-validating-webhook-configuration" },
            webhooks: [{ clientConfig: { caBundle: "Q0E=" } }],
        };
        const objects = {
            customresourcedefinitions: [crd("gateways.multicluster.crd.antrea.io")],
            validatingwebhookconfigurations: [webhook],
        };
        expect(runScript(script, { objects }).status).to.equal(0);
        const stuck = runScript(script, { objects, rollouts: { "antrea-mc-controller": 1 } });
        expect(stuck.stderr.trim()).to.equal("cluster east: the member antrea-mc-controller in kube-system is not rolled out after 1s");
        expect(runScript(script, { objects: { ...objects, customresourcedefinitions: [] } }).stderr.trim()).to.equal(
            "cluster east: CRD gateways.multicluster.crd.antrea.io does not exist after 1s",
        );
    });
});
