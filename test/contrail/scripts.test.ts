import { expect } from "chai";
import {
    CERT_MANAGER_CRD,
    VROUTER_CRD,
    centralRunningScript,
    deployerRunningScript,
    nodesReadyScript,
} from "../../components/contrail/health";
import { CONTRAIL_RELEASES } from "../../components/contrail/release";
import { manifestApplyScript } from "../../components/contrail/scripts";
import { kubemanagerSyncScript } from "../../components/contrail/health-sync";
import { expectGolden } from "../golden";
import { SYNTHETIC_MANIFEST, nameOf, runInSandbox, syntheticRelease } from "./sandbox";

const release = CONTRAIL_RELEASES["23.4"];

/** The seed's central ranges. */
const CENTRAL_CIDRS = ["10.233.128.0/17", "fd85:ee78:d8a6:8607::1:0/112", "10.233.0.0/17", "fd85:ee78:d8a6:8607::1000/116"];
/** The seed's distributed ranges, as written in Pulumi.contrail-lab.yaml. */
const DISTRIBUTED_CIDRS = ["10.234.128.0/17", "fd85:ee78:d8a6:8607::3:0000/112", "10.234.0.0/17", "fd85:ee78:d8a6:8607::2:1000/116"];
/** `kubectl get subnet -A --no-headers` rows of CN2 in state Success for ranges (IPv6 printed canonically, as seed 002 shows). */
const subnetRows = (cidrs: readonly string[], state = "Success") =>
    cidrs.map((cidr, i) => `ns subnet-${i} ${cidr.replace("::3:0000/", "::3:0/")} 0.02% ${state} 6h3m\\n`).join("");
const STAMP = "a".repeat(64);
const SYNC = {
    cluster: "cluster1",
    distributed: "cluster2",
    timeoutSeconds: 1200,
    probeNamespace: "cn2-probe-0123abcd",
    cidrs: DISTRIBUTED_CIDRS,
};

describe("Contrail scripts", () => {
    it("renders the manifest and gate scripts (goldens, shellchecked with the others)", () => {
        const input = { cluster: "cluster2", release };
        expectGolden("contrail/apply-distributed-deployer.sh", manifestApplyScript({ ...input, role: "distributedDeployer" }));
        expectGolden(
            "contrail/apply-central-deployer-mirror.sh",
            manifestApplyScript({ ...input, cluster: "cluster1", role: "centralDeployer", registry: "registry.lab:5000/cn2" }),
        );
        expectGolden(
            "contrail/central-running.sh",
            centralRunningScript({ cluster: "cluster1", timeoutSeconds: 1200, nodes: 2, cidrs: CENTRAL_CIDRS }),
        );
        expectGolden(
            "contrail/deployer-running.sh",
            deployerRunningScript({ cluster: "cluster2", timeoutSeconds: 1200, crds: [VROUTER_CRD, CERT_MANAGER_CRD] }),
        );
        expectGolden("contrail/nodes-ready.sh", nodesReadyScript({ cluster: "cluster2", timeoutSeconds: 1200, nodes: 2 }));
        expectGolden("contrail/kubemanager-synced.sh", kubemanagerSyncScript(SYNC));
    });

    it("applies the verified manifest server-side without the Namespaces and placeholder pull Secrets, embedded YAML intact", () => {
        const run = runInSandbox(
            manifestApplyScript({ cluster: "cluster2", release: syntheticRelease(), role: "distributedDeployer" }),
            { CONTRAIL_RESTART_STAMP: STAMP },
            SYNTHETIC_MANIFEST,
        );
        expect(run.status, run.stderr).to.equal(0);
        expect(run.applied?.map(nameOf)).to.deep.equal([
            "ServiceAccount/contrail-serviceaccount",
            "Secret/webhook-server-cert",
            "ConfigMap/contrail-cr",
            "Deployment/contrail-k8s-deployer",
        ]);
        const configMap = run.applied?.[2] as { data: Record<string, string> };
        expect(configMap.data["contrail-cr.yaml"]).to.equal("kind: Namespace\nmetadata:\n  name: embedded\n---\nkind: Secret\n");
        expect(run.calls.find((call) => call.includes(" apply "))).to.match(
            /^kubectl apply --server-side --force-conflicts --field-manager=pulumi-contrail -f \S+\/apply\.yaml$/,
        );
    });

    it("restarts the distributed deployer when the central credentials change (R4): its pod template carries the stamp", () => {
        const run = runInSandbox(
            manifestApplyScript({ cluster: "cluster2", release: syntheticRelease(), role: "distributedDeployer" }),
            { CONTRAIL_RESTART_STAMP: STAMP },
            SYNTHETIC_MANIFEST,
        );
        expect(run.status, run.stderr).to.equal(0);
        expect(run.calls.at(-1)).to.equal(
            "kubectl -n contrail-deploy patch deployment contrail-k8s-deployer --type=merge -p " +
                `{"spec":{"template":{"metadata":{"annotations":{"multicluster.pulumi.com/restart-stamp":"${STAMP}"}}}}}`,
        );
        const bad = runInSandbox(
            manifestApplyScript({ cluster: "cluster2", release: syntheticRelease(), role: "distributedDeployer" }),
            { CONTRAIL_RESTART_STAMP: "x;reboot" },
            SYNTHETIC_MANIFEST,
        );
        expect([bad.status, bad.calls.some((call) => call.includes("patch"))]).to.deep.equal([1, false]);
        expect(bad.stderr.trim()).to.equal(
            "cluster cluster2: CONTRAIL_RESTART_STAMP is not a SHA-256, so the deployer cannot be restarted when the central cluster's credentials change",
        );
    });

    it("re-creates the central Job apply-contrail when its image changes (N5: a Job's pod template is immutable), and only then", () => {
        const script = manifestApplyScript({
            cluster: "cluster1",
            release: syntheticRelease("centralDeployer"),
            role: "centralDeployer",
            registry: "registry.lab:5000/cn2",
        });
        const moved = runInSandbox(
            script,
            { JOB_IMAGE: "enterprise-hub.juniper.net/contrail-container-prod/contrail-k8s-applier:cn2.23.4.0.59" },
            SYNTHETIC_MANIFEST,
        );
        expect(moved.status, moved.stderr).to.equal(0);
        const deletion = moved.calls.findIndex(
            (call) => call === "kubectl -n contrail delete job apply-contrail --cascade=foreground --wait=true --timeout=300s",
        );
        expect(deletion)
            .to.be.greaterThan(-1)
            .and.lessThan(moved.calls.findIndex((call) => call.includes(" apply ")));
        for (const image of ["registry.lab:5000/cn2/contrail-k8s-applier:cn2.23.4.0.59", ""]) {
            const same = runInSandbox(script, { JOB_IMAGE: image }, SYNTHETIC_MANIFEST);
            expect([same.status, same.calls.some((call) => call.includes("delete job"))], image).to.deep.equal([0, false]);
        }
    });

    it("rewrites image references to a mirror registry", () => {
        const run = runInSandbox(
            manifestApplyScript({
                cluster: "cluster2",
                release: syntheticRelease(),
                role: "distributedDeployer",
                registry: "registry.lab:5000/cn2",
            }),
            { CONTRAIL_RESTART_STAMP: STAMP },
            SYNTHETIC_MANIFEST,
        );
        expect(run.status, run.stderr).to.equal(0);
        expect(JSON.stringify(run.applied))
            .to.contain("registry.lab:5000/cn2/contrail-k8s-deployer:cn2.23.4.0.59")
            .and.not.to.contain("enterprise-hub");
    });

    it("names the distributed cluster in its Vrouters, as the Kubemanager does (23.4 CRD: clusterName must match it), not the example's", () => {
        const vrouter = (name: string) =>
            [
                "apiVersion: dataplane.juniper.net/v1",
                "kind: Vrouter",
                "metadata:",
                `  name: ${name}`,
                "  namespace: contrail",
                "spec:",
                "  clusterName: multi-cluster",
                "  common:",
                "    containers:",
                "    - image: enterprise-hub.juniper.net/contrail-container-prod/contrail-vrouter-agent:cn2.23.4.0.59",
                "      name: contrail-vrouter-agent",
                "",
            ].join("\n");
        const manifest = [vrouter("contrail-vrouter-masters"), vrouter("contrail-vrouter-nodes")].join("---\n");
        const pinned = syntheticRelease("distributedVrouter", manifest);
        for (const registry of [undefined, "registry.lab:5000/cn2"]) {
            const run = runInSandbox(
                manifestApplyScript({ cluster: "cluster2", release: pinned, role: "distributedVrouter", registry }),
                {},
                manifest,
            );
            expect(run.status, run.stderr).to.equal(0);
            const specs = (run.applied ?? []).map(
                (doc) => (doc as { spec: { clusterName: string; common: { containers: { image: string }[] } } }).spec,
            );
            expect(
                specs.map((spec) => spec.clusterName),
                registry,
            ).to.deep.equal(["cluster2", "cluster2"]);
            expect(specs[0].common.containers[0].image).to.equal(
                `${registry ?? "enterprise-hub.juniper.net/contrail-container-prod"}/contrail-vrouter-agent:cn2.23.4.0.59`,
            );
        }
    });

    it("refuses a manifest whose SHA-256 is not the pinned one, in one sentence, applying nothing", () => {
        const run = runInSandbox(
            manifestApplyScript({
                cluster: "cluster2",
                release: syntheticRelease("distributedDeployer", "other bytes"),
                role: "distributedDeployer",
            }),
            {},
            SYNTHETIC_MANIFEST,
        );
        expect(run.status).to.equal(1);
        expect(run.stderr.trim()).to.match(
            /^cluster cluster2: the file at https:\/\/raw\.githubusercontent\.com\/\S+ is not the pinned distributed_cluster_deployer_example\.yaml of CN2 23\.4 \(its SHA-256 differs\)$/,
        );
        expect(run.calls).to.deep.equal([]);
    });

    it("keeps one deadline per gate (N1): every wait is bounded by the time left, none starts its own", () => {
        const scripts = [
            centralRunningScript({ cluster: "cluster1", timeoutSeconds: 1200, nodes: 2, cidrs: CENTRAL_CIDRS }),
            deployerRunningScript({ cluster: "cluster2", timeoutSeconds: 1200, crds: [VROUTER_CRD, CERT_MANAGER_CRD] }),
            nodesReadyScript({ cluster: "cluster2", timeoutSeconds: 1200, nodes: 2 }),
            kubemanagerSyncScript(SYNC),
        ];
        for (const script of scripts) {
            expect(script.match(/deadline=\$\(\(SECONDS/g) ?? []).to.have.length(1);
            expect(script).not.to.match(/--timeout=\d/);
            // The only --timeout is in_slices' own slice; every in_slices call is bounded by the time left.
            expect(script.match(/--timeout=/g)?.length).to.equal(1);
            const calls = script.match(/^\s*in_slices /gm) ?? [];
            expect(calls.length).to.equal((script.match(/^\s*in_slices "\$gate" "\$\(remaining\)" /gm) ?? []).length);
        }
    });

    it("fails the central gate at once when the job apply-contrail failed (N2), not after its bound", () => {
        const script = centralRunningScript({ cluster: "cluster1", timeoutSeconds: 600, nodes: 2, cidrs: CENTRAL_CIDRS });
        const started = Date.now();
        const run = runInSandbox(script, { JOB_STATE: "Failed ", SUBNETS: subnetRows(CENTRAL_CIDRS) });
        expect(run.status).to.equal(1);
        expect(Date.now() - started).to.be.lessThan(20_000);
        expect(run.stderr.trim()).to.equal(
            "cluster cluster1: the job contrail/apply-contrail (the controller's custom resources) failed; kubectl -n contrail logs job/apply-contrail says why",
        );
    });

    it("passes the central gate only when CN2 made the cluster's Subnets and they reached Success (G2)", () => {
        const script = centralRunningScript({ cluster: "cluster1", timeoutSeconds: 3, nodes: 2, cidrs: CENTRAL_CIDRS });
        expect(runInSandbox(script, { SUBNETS: subnetRows(CENTRAL_CIDRS) }).status).to.equal(0);
        const pending = runInSandbox(script, { SUBNETS: subnetRows(CENTRAL_CIDRS, "Pending") });
        expect(pending.status).to.equal(1);
        expect(pending.stderr.trim()).to.equal(
            "cluster cluster1: CN2 has no Subnet 10.233.128.0/17 (a range of cluster cluster1) in state Success (kubectl get subnet -A shows what it made) within 3s",
        );
    });

    it("fails the nodes-Ready gate with one sentence naming the cluster, also while a node has not registered yet", () => {
        const run = runInSandbox(nodesReadyScript({ cluster: "cluster2", timeoutSeconds: 3, nodes: 2 }), { NODES_READY: "1" });
        expect(run.status).to.equal(1);
        expect(run.stderr.trim()).to.equal("cluster cluster2: not every node is Ready under the vRouter within 3s");
        const missing = runInSandbox(nodesReadyScript({ cluster: "cluster2", timeoutSeconds: 3, nodes: 3 }));
        expect(missing.stderr.trim()).to.equal("cluster cluster2: fewer than 3 nodes registered within 3s");
        // A passing case gets a generous deadline (each wait gets what is left of it), so a loaded machine cannot fail it.
        const ok = runInSandbox(nodesReadyScript({ cluster: "cluster2", timeoutSeconds: 30, nodes: 2 }));
        expect(ok.status, ok.stderr).to.equal(0);
        expect(
            ok.calls.some((call) =>
                /^kubectl -n contrail rollout status daemonset\.apps\/contrail-vrouter-masters --timeout=(30|2\d)s$/.test(call),
            ),
            ok.calls.join("\n"),
        ).to.equal(true);
    });

    it("does not pass the synced gate on a mirror left from an earlier incarnation (R4): only the fresh probe's mirror counts", () => {
        const stale = runInSandbox(kubemanagerSyncScript({ ...SYNC, timeoutSeconds: 3 }), {
            NAMESPACES: "kubemanager-cluster2-cluster2-default kubemanager-cluster2-cluster2-cn2-probe-99999999",
            SUBNETS: subnetRows(DISTRIBUTED_CIDRS),
        });
        expect(stale.status).to.equal(1);
        expect(stale.stderr.trim()).to.equal(
            "cluster cluster1: Kubemanager contrail/kubemanager-cluster2 did not mirror namespace cn2-probe-0123abcd of cluster cluster2 " +
                "as kubemanager-cluster2-cluster2-cn2-probe-0123abcd, so it does not follow that cluster since its last change (re-created, new credentials or a new spec) within 3s",
        );
        const fresh = runInSandbox(kubemanagerSyncScript({ ...SYNC, timeoutSeconds: 3 }), {
            NAMESPACES: "kubemanager-cluster2-cluster2-cn2-probe-0123abcd",
            SUBNETS: subnetRows(DISTRIBUTED_CIDRS),
        });
        expect(fresh.status, fresh.stderr).to.equal(0);
        const unsynced = runInSandbox(kubemanagerSyncScript({ ...SYNC, timeoutSeconds: 3 }), {
            NAMESPACES: "kubemanager-cluster2-cluster2-cn2-probe-0123abcd",
        });
        expect(unsynced.stderr.trim()).to.match(
            /^cluster cluster1: CN2 has no Subnet 10\.234\.128\.0\/17 \(a range of distributed cluster cluster2\) in state Success/,
        );
    });
});
