import { expect } from "chai";
import { mcDemoProofScript } from "../../components/antrea/demo-proof";
import { REEXPORT_ANNOTATION, memberLeaveScript, reexportScript } from "../../components/antrea/cluster-set/leave";
import { crd, named } from "./fixtures/mc-objects";
import { StubState } from "./kubectl-stub";
import { removeSandboxes, runScript } from "./sandbox";

const NS = "antrea-multicluster";

/** The leader as a leaving member 01 finds it: its announcement and two of its exports, plus one of member 02. */
function leaderWithMember(unreachable: number): StubState {
    return {
        unreachable,
        objects: {
            customresourcedefinitions: [crd("memberclusterannounces.multicluster.crd.antrea.io")],
            memberclusterannounces: [named("MemberClusterAnnounce", NS, "member-announce-from-c01", { clusterID: "c01" })],
            resourceexports: [
                named("ResourceExport", NS, "c01-clusterinfo", { spec: { clusterID: "c01", kind: "ClusterInfo" } }),
                named("ResourceExport", NS, "c01-demo-web-service", { spec: { clusterID: "c01", kind: "Service" } }),
                named("ResourceExport", NS, "c02-clusterinfo", { spec: { clusterID: "c02", kind: "ClusterInfo" } }),
            ],
        },
    };
}

const names = (state: StubState, resource: string) =>
    (state.objects[resource] ?? []).map((object: { metadata: { name: string } }) => object.metadata.name);

describe("antrea day-2 scripts (kubectl stub)", function () {
    this.timeout(30000);
    after(removeSandboxes);

    it("destroy drain: retries an unreachable leader within the bound, then drains the member's announcement and exports only", () => {
        const run = runScript(memberLeaveScript({ cluster: "db", namespace: NS, memberId: "c01", timeoutSeconds: 3 }), leaderWithMember(2));
        expect(run.status, run.stderr).to.equal(0);
        expect(names(run.state, "memberclusterannounces")).to.deep.equal([]);
        expect(names(run.state, "resourceexports")).to.deep.equal(["c02-clusterinfo"]);
        expect(run.calls.filter((call) => call.startsWith("kubectl version"))).to.have.length(3);
    });

    it("destroy drain: fails loudly, leaving the announcement, when the leader never answers within the bound", () => {
        const run = runScript(
            memberLeaveScript({ cluster: "db", namespace: NS, memberId: "c01", timeoutSeconds: 1 }),
            leaderWithMember(-1),
        );
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain("leader db did not answer for 1s, so member c01 was not drained");
        expect(names(run.state, "memberclusterannounces")).to.deep.equal(["member-announce-from-c01"]);
    });

    it("re-export: touches every ServiceExport with the endpoint type, so the restarted controller reconciles it connected", () => {
        const state: StubState = {
            objects: { serviceexports: [named("ServiceExport", "demo", "web"), named("ServiceExport", "shop", "db")] },
        };
        const run = runScript(reexportScript({ cluster: "c01", endpointIpType: "PodIP" }), state);
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.contain("re-exported 2 ServiceExport(s) with endpointIPType PodIP");
        expect(
            run.state.objects.serviceexports.map(
                (object: { metadata: { annotations: Record<string, string> } }) => object.metadata.annotations,
            ),
        ).to.deep.equal([{ [REEXPORT_ANNOTATION]: "PodIP" }, { [REEXPORT_ANNOTATION]: "PodIP" }]);
    });

    const url = "http://antrea-mc-web.antrea-mc-demo.svc";
    const answer = '{"service":"web","cluster":"c02"}\n';
    const imported = (ip: string) => ({
        services: [named("Service", "antrea-mc-demo", "antrea-mc-web")],
        endpoints: [named("Endpoints", "antrea-mc-demo", "antrea-mc-web", { subsets: [{ addresses: [{ ip }] }] })],
    });
    // 3 s: a failing case still gets one full pass (each exec bounded by what is left, at least 1 s) on a loaded worker.
    const podToPod = mcDemoProofScript({
        cluster: "c01",
        exporter: "c02",
        endpoints: { type: "PodIP", cidrs: ["10.2.0.0/16"] },
        timeoutSeconds: 3,
    });

    it("proof (Pod-to-Pod): the import's endpoints are the exporter's Pod IPs and the Pod answers directly across clusters", () => {
        const state: StubState = { objects: imported("10.2.3.4"), http: { client: { [url]: answer, "http://10.2.3.4/": answer } } };
        // A passing case gets a generous deadline, so a loaded machine cannot fail it.
        const run = runScript(
            mcDemoProofScript({
                cluster: "c01",
                exporter: "c02",
                endpoints: { type: "PodIP", cidrs: ["10.2.0.0/16"] },
                timeoutSeconds: 30,
            }),
            state,
        );
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls).to.include(
            "kubectl --request-timeout=15s -n antrea-mc-demo exec deploy/client -- curl -sS --max-time 5 http://10.2.3.4/",
        );
    });

    it("proof (Pod-to-Pod): fails when the import still carries a ClusterIP endpoint (endpointIPType not in effect)", () => {
        const run = runScript(podToPod, { objects: imported("10.102.0.10"), http: { client: { [url]: answer } } });
        expect(run.status).to.equal(1);
        expect(run.stderr).to.contain(
            "endpoints 10.102.0.10 are not in the Pod CIDRs of c02 (10.2.0.0/16): endpointIPType PodIP is not in effect",
        );
    });

    it("proof (stretched policy): the ClusterSet client is answered and the outsider must be refused", () => {
        const script = mcDemoProofScript({ cluster: "c01", exporter: "c02", stretchedPolicy: true, timeoutSeconds: 3 });
        const patient = mcDemoProofScript({ cluster: "c01", exporter: "c02", stretchedPolicy: true, timeoutSeconds: 30 });
        expect(runScript(patient, { objects: imported("10.102.0.10"), http: { client: { [url]: answer } } }).status).to.equal(0);
        const open = runScript(script, {
            objects: imported("10.102.0.10"),
            http: { client: { [url]: answer }, outsider: { [url]: answer } },
        });
        expect(open.status).to.equal(1);
        expect(open.stderr).to.contain("Pods of c01 not labelled app=client still reach web: the stretched policy is not enforced");
    });

    it("proof (stretched policy): only a dropped connection (curl's timeout) counts as the outsider refused, not a failed exec", () => {
        const script = mcDemoProofScript({ cluster: "c01", exporter: "c02", stretchedPolicy: true, timeoutSeconds: 3 });
        const broken = runScript(script, {
            objects: imported("10.102.0.10"),
            http: { client: { [url]: answer } },
            execExit: { outsider: 1 },
        });
        expect(broken.status).to.equal(1);
        expect(broken.stderr).to.contain(
            "the outsider's request failed with exit status 1, not curl's timeout (28) that the policy's Drop gives",
        );
    });

    it("proof: ends a client exec whose stream hangs (exec ignores --request-timeout) within the bound, in one sentence", () => {
        const script = mcDemoProofScript({ cluster: "c01", exporter: "c02", timeoutSeconds: 2 });
        const run = runScript(script, { objects: imported("10.102.0.10"), execHangs: ["client"] }, 20);
        expect(run.status, `${run.stderr} after ${run.seconds}s`).to.equal(1);
        expect(run.seconds).to.be.below(8);
        expect(run.leftHanging, "the hung kubectl exec is ended, not left behind").to.equal(0);
        expect(run.stderr).to.match(
            new RegExp(
                "^cluster c01: antrea-mc-web\\.antrea-mc-demo \\(exported by c02\\) did not prove cross-cluster traffic " +
                    "within 2s: kubectl exec into deploy/client did not end within [12]s \\(its stream hangs\\)\n$",
            ),
        );
    });

    it("proof (stretched policy): an outsider exec ended at its bound is not taken for the policy's refusal (curl's 28)", () => {
        const script = mcDemoProofScript({ cluster: "c01", exporter: "c02", stretchedPolicy: true, timeoutSeconds: 2 });
        const run = runScript(
            script,
            { objects: imported("10.102.0.10"), http: { client: { [url]: answer } }, execHangs: ["outsider"] },
            20,
        );
        expect(run.status, `${run.stderr} after ${run.seconds}s`).to.equal(1);
        expect(run.seconds).to.be.below(8);
        expect(run.leftHanging, "the hung kubectl exec is ended, not left behind").to.equal(0);
        expect(run.stderr).to.match(
            /did not prove cross-cluster traffic within 2s: kubectl exec into deploy\/outsider did not end within [12]s \(its stream hangs\)\n$/,
        );
        expect(run.stderr.split("\n").filter(Boolean)).to.have.length(1);
    });
});
