import { expect } from "chai";
import { CONTRAIL_RELEASES } from "../../components/contrail/release";
import { CENTRAL_TEARDOWN, manifestDeleteScript } from "../../components/contrail/teardown";
import { expectGolden } from "../golden";
import { SYNTHETIC_MANIFEST, nameOf, runInSandbox, syntheticRelease } from "./sandbox";

const release = CONTRAIL_RELEASES["23.4"];
const ALL_CENTRAL = CENTRAL_TEARDOWN.flatMap((stage) => stage.resources).join(" ");

describe("Contrail destroy (R3: Juniper's uninstall order, waited for, never fire-and-forget)", () => {
    it("renders the delete scripts (goldens, shellchecked)", () => {
        expectGolden(
            "contrail/delete-distributed-vrouter.sh",
            manifestDeleteScript({ cluster: "cluster2", release, role: "distributedVrouter" }),
        );
        expectGolden(
            "contrail/delete-central-deployer.sh",
            manifestDeleteScript({ cluster: "cluster1", release, role: "centralDeployer" }),
        );
    });

    it("deletes the manifest's objects and waits until they are gone", () => {
        const run = runInSandbox(
            manifestDeleteScript({ cluster: "cluster2", release: syntheticRelease(), role: "distributedDeployer" }),
            {},
            SYNTHETIC_MANIFEST,
        );
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls.at(-1)).to.match(/^kubectl delete --ignore-not-found --wait=true --timeout=\d+s -f \S+\/apply\.yaml$/);
        expect(run.applied?.map(nameOf)).to.have.length(4);
        expect(run.stdout.trim()).to.equal("cluster cluster2: deleted the objects of distributed_cluster_deployer_example.yaml");
    });

    it("fails the destroy in one sentence, listing what a finalizer holds, when the objects do not go in time", () => {
        const run = runInSandbox(
            manifestDeleteScript({ cluster: "cluster2", release: syntheticRelease("distributedVrouter"), role: "distributedVrouter" }, 5),
            { DELETE_FAILS: "1" },
            SYNTHETIC_MANIFEST,
        );
        expect(run.status).to.equal(1);
        const lines = run.stderr.trim().split("\n");
        expect(lines).to.include("Vrouter contrail/contrail-vrouter-nodes finalizers=[vrouter.juniper.net/finalizer]");
        expect(lines.at(-1)).to.match(
            /^cluster cluster2: objects of distributed_cluster_vrouter_example\.yaml were not deleted within 5s \(listed above\); the CN2 operator contrail-deploy\/contrail-k8s-deployer must release their finalizers: .* then destroy again$/,
        );
    });

    it("on the central cluster, removes what the controller job made, stage by stage in Juniper's order, before the operator", () => {
        const run = runInSandbox(
            manifestDeleteScript({ cluster: "cluster1", release: syntheticRelease("centralDeployer"), role: "centralDeployer" }),
            { CN2_OBJECTS: ALL_CENTRAL, APISERVICE: "1" },
            SYNTHETIC_MANIFEST,
        );
        expect(run.status, run.stderr).to.equal(0);
        const deletions = run.calls.filter((call) => call.startsWith("kubectl delete")).map((call) => call.split(" ")[2]);
        expect(deletions).to.deep.equal([
            "contrailcertificatemanagers.configplane.juniper.net",
            "vrouters.dataplane.juniper.net,kubemanagers.configplane.juniper.net,controls.controlplane.juniper.net,contrailstatusmonitors.contrailstatus.juniper.net",
            "globalvrouterconfigs.core.contrail.juniper.net,globalsystemconfigs.core.contrail.juniper.net",
            "apiservers.configplane.juniper.net,controllers.configplane.juniper.net",
            "apiservice.apiregistration.k8s.io/v1alpha1.core.contrail.juniper.net",
            "--ignore-not-found",
        ]);
    });

    it("skips a resource the cluster no longer serves, and fails naming the stage and finalizers when an object stays", () => {
        const unserved = runInSandbox(
            manifestDeleteScript({ cluster: "cluster1", release: syntheticRelease("centralDeployer"), role: "centralDeployer" }),
            {
                CN2_OBJECTS: ALL_CENTRAL,
                CN2_UNSERVED: "globalvrouterconfigs.core.contrail.juniper.net globalsystemconfigs.core.contrail.juniper.net",
            },
            SYNTHETIC_MANIFEST,
        );
        expect(unserved.status, unserved.stderr).to.equal(0);
        const stuck = runInSandbox(
            manifestDeleteScript({ cluster: "cluster1", release: syntheticRelease("centralDeployer"), role: "centralDeployer" }, 3),
            { CN2_OBJECTS: ALL_CENTRAL, CN2_STUCK: "kubemanagers.configplane.juniper.net" },
            SYNTHETIC_MANIFEST,
        );
        expect(stuck.status).to.equal(1);
        expect(stuck.stderr).to.contain("Thing contrail/object finalizers=[example.juniper.net/finalizer]");
        expect(stuck.stderr.trim().split("\n").at(-1)).to.match(
            /^cluster cluster1: the vRouters, Kubemanagers, control nodes and status monitor were not deleted within 3s \(listed above\); the CN2 operator/,
        );
        expect(stuck.calls.some((call) => call.includes("-f "))).to.equal(false);
    });

    it("waits for the objects it deleted, not for their names: a default config the controller re-creates does not fail the destroy", () => {
        const run = runInSandbox(
            manifestDeleteScript({ cluster: "cluster1", release: syntheticRelease("centralDeployer"), role: "centralDeployer" }, 3),
            {
                CN2_OBJECTS: ALL_CENTRAL,
                CN2_RECREATED: "globalvrouterconfigs.core.contrail.juniper.net globalsystemconfigs.core.contrail.juniper.net",
            },
            SYNTHETIC_MANIFEST,
        );
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls.filter((call) => call.startsWith("kubectl delete ") && call.includes(" --all "))).to.satisfy(
            (calls: string[]) =>
                calls.length === CENTRAL_TEARDOWN.length && calls.every((call) => / --all -A --wait=true --timeout=\d+s$/.test(call)),
        );
    });

    it("fails in one sentence when CN2's APIService does not go", () => {
        const run = runInSandbox(
            manifestDeleteScript({ cluster: "cluster1", release: syntheticRelease("centralDeployer"), role: "centralDeployer" }, 3),
            { APISERVICE: "1", APISERVICE_STUCK: "1" },
            SYNTHETIC_MANIFEST,
        );
        expect(run.status).to.equal(1);
        expect(run.stderr.trim().split("\n").at(-1)).to.equal(
            "cluster cluster1: apiservice.apiregistration.k8s.io/v1alpha1.core.contrail.juniper.net " +
                "(CN2's API, its server gone) was not deleted; kubectl describe it for why, then destroy again",
        );
    });

    it("leaves a cluster that no longer answers alone", () => {
        const gone = runInSandbox(
            manifestDeleteScript({ cluster: "cluster2", release: syntheticRelease(), role: "distributedDeployer" }),
            { READYZ: "1" },
            SYNTHETIC_MANIFEST,
        );
        expect([gone.status, gone.calls.length]).to.deep.equal([0, 1]);
        expect(gone.stderr.trim()).to.equal(
            "cluster cluster2 does not answer: the objects of distributed_cluster_deployer_example.yaml are left as they are",
        );
    });
});
