import { expect } from "chai";
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { CERT_MANAGER_CRD, VROUTER_CRD, centralRunningScript, deployerRunningScript, kubemanagerSyncScript, nodesReadyScript } from "../../components/contrail/health";
import { CONTRAIL_RELEASES, ContrailRelease } from "../../components/contrail/release";
import { manifestApplyScript, manifestDeleteScript } from "../../components/contrail/scripts";
import { expectGolden } from "../golden";

const release = CONTRAIL_RELEASES["23.4"];

/** A made-up manifest shaped like the published deployers: what Pulumi owns, what it applies, embedded YAML. */
const SYNTHETIC_MANIFEST = [
    "apiVersion: v1", "kind: Namespace", "metadata:", "  name: contrail", "---",
    "apiVersion: v1", "imagePullSecrets:", "- name: registrypullsecret", "kind: ServiceAccount", "metadata:", "  name: contrail-serviceaccount", "  namespace: contrail", "---",
    "apiVersion: v1", "data:", "  .dockerconfigjson: <base64-encoded-credential>", "kind: Secret", "metadata:", "  name: registrypullsecret", "  namespace: contrail",
    "type: kubernetes.io/dockerconfigjson", "---",
    "apiVersion: v1", "kind: Secret", "metadata:", "  name: webhook-server-cert", "  namespace: contrail-deploy", "type: kubernetes.io/tls", "---",
    "apiVersion: v1", "data:", "  contrail-cr.yaml: |", "    kind: Namespace", "    metadata:", "      name: embedded", "    ---", "    kind: Secret",
    "kind: ConfigMap", "metadata:", "  name: contrail-cr", "  namespace: contrail", "---",
    "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: contrail-k8s-deployer", "  namespace: contrail-deploy", "spec:", "  template:", "    spec:",
    "      containers:", "      - image: enterprise-hub.juniper.net/contrail-container-prod/contrail-k8s-deployer:cn2.23.4.0.59", "",
].join("\n");

/** The release with its distributed deployer pinned to the synthetic manifest (or to other bytes, to fail the digest). */
function syntheticRelease(content: string = SYNTHETIC_MANIFEST): ContrailRelease {
    const sha256 = crypto.createHash("sha256").update(content).digest("hex");
    return { ...release, manifests: { ...release.manifests, distributedDeployer: { file: "distributed_cluster_deployer_example.yaml", sha256 } } };
}

/** Fake curl (serves the synthetic manifest) and kubectl (logs calls, keeps what is applied, answers as told). */
const FAKE_TOOLS: Record<string, string> = {
    curl: '#!/usr/bin/env bash\nwhile (($#)); do if [[ $1 == -o ]]; then cp "$FAKE_DIR/manifest.yaml" "$2"; shift; fi; shift; done\n',
    kubectl: [
        "#!/usr/bin/env bash",
        'echo "kubectl $*" >>"$FAKE_DIR/calls"',
        'cmp -s "$KUBECONFIG" "$FAKE_DIR/kubeconfig" || { echo "kubeconfig is not the one on stdin" >&2; exit 9; }',
        'case "$*" in',
        '  *readyz*) exit "${READYZ:-0}" ;;',
        '  *"apply "*|*"delete "*) for last; do :; done; cp "$last" "$FAKE_DIR/applied.yaml" ;;',
        '  *"-o name"*) echo daemonset.apps/contrail-vrouter-masters ;;',
        '  *"condition=Ready node"*) exit "${NODES_READY:-0}" ;;',
        "esac",
    ].join("\n") + "\n",
};

/** Runs a script with the fakes first on PATH and a kubeconfig on stdin. */
function runWithFakes(script: string, env: Record<string, string> = {}): { status: number | null; stderr: string; calls: string[]; applied?: unknown[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contrail-script-"));
    try {
        fs.mkdirSync(path.join(dir, "bin"));
        for (const [name, body] of Object.entries(FAKE_TOOLS)) {
            fs.writeFileSync(path.join(dir, "bin", name), body, { mode: 0o755 });
        }
        fs.writeFileSync(path.join(dir, "manifest.yaml"), SYNTHETIC_MANIFEST);
        fs.writeFileSync(path.join(dir, "kubeconfig"), "apiVersion: v1\nkind: Config\n");
        const result = spawnSync("bash", ["-c", script], {
            input: fs.readFileSync(path.join(dir, "kubeconfig")), encoding: "utf8",
            env: { ...process.env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, FAKE_DIR: dir, ...env },
        });
        const read = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : undefined);
        const applied = read("applied.yaml");
        return {
            status: result.status, stderr: result.stderr, calls: (read("calls") ?? "").split("\n").filter(Boolean),
            ...(applied !== undefined ? { applied: yaml.loadAll(applied).filter(Boolean) } : {}),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const nameOf = (doc: unknown) => `${(doc as { kind: string }).kind}/${(doc as { metadata: { name: string } }).metadata.name}`;

describe("Contrail scripts", () => {
    it("renders the manifest and gate scripts (goldens, shellchecked with the others)", () => {
        const input = { cluster: "cluster2", release };
        expectGolden("contrail/apply-distributed-deployer.sh", manifestApplyScript({ ...input, role: "distributedDeployer" }));
        expectGolden("contrail/apply-central-deployer-mirror.sh", manifestApplyScript({ ...input, cluster: "cluster1", role: "centralDeployer", registry: "registry.lab:5000/cn2" }));
        expectGolden("contrail/delete-distributed-vrouter.sh", manifestDeleteScript({ ...input, role: "distributedVrouter" }));
        expectGolden("contrail/central-running.sh", centralRunningScript({ cluster: "cluster1", timeoutSeconds: 1200 }));
        expectGolden("contrail/deployer-running.sh", deployerRunningScript({ cluster: "cluster2", timeoutSeconds: 1200, crds: [VROUTER_CRD, CERT_MANAGER_CRD] }));
        expectGolden("contrail/nodes-ready.sh", nodesReadyScript({ cluster: "cluster2", timeoutSeconds: 1200 }));
        expectGolden("contrail/kubemanager-synced.sh", kubemanagerSyncScript({ cluster: "cluster1", distributed: "cluster2", timeoutSeconds: 1200 }));
    });

    it("applies the verified manifest server-side without the Namespaces and placeholder pull Secrets, embedded YAML intact", () => {
        const run = runWithFakes(manifestApplyScript({ cluster: "cluster2", release: syntheticRelease(), role: "distributedDeployer" }));
        expect(run.status, run.stderr).to.equal(0);
        expect(run.applied?.map(nameOf)).to.deep.equal(["ServiceAccount/contrail-serviceaccount", "Secret/webhook-server-cert", "ConfigMap/contrail-cr", "Deployment/contrail-k8s-deployer"]);
        const configMap = run.applied?.[2] as { data: Record<string, string> };
        expect(configMap.data["contrail-cr.yaml"]).to.equal("kind: Namespace\nmetadata:\n  name: embedded\n---\nkind: Secret\n");
        expect(run.calls.at(-1)).to.match(/^kubectl apply --server-side --force-conflicts --field-manager=pulumi-contrail -f \S+\/apply\.yaml$/);
    });

    it("rewrites image references to a mirror registry", () => {
        const run = runWithFakes(manifestApplyScript({ cluster: "cluster2", release: syntheticRelease(), role: "distributedDeployer", registry: "registry.lab:5000/cn2" }));
        expect(run.status, run.stderr).to.equal(0);
        expect(JSON.stringify(run.applied)).to.contain("registry.lab:5000/cn2/contrail-k8s-deployer:cn2.23.4.0.59").and.not.to.contain("enterprise-hub");
    });

    it("refuses a manifest whose SHA-256 is not the pinned one, in one sentence, applying nothing", () => {
        const run = runWithFakes(manifestApplyScript({ cluster: "cluster2", release: syntheticRelease("other bytes"), role: "distributedDeployer" }));
        expect(run.status).to.equal(1);
        expect(run.stderr.trim()).to.match(/^cluster cluster2: the file at https:\/\/raw\.githubusercontent\.com\/\S+ is not the pinned distributed_cluster_deployer_example\.yaml of CN2 23\.4 \(its SHA-256 differs\)$/);
        expect(run.calls).to.deep.equal([]);
    });

    it("deletes the same objects on destroy, and leaves a cluster that no longer answers alone", () => {
        const script = manifestDeleteScript({ cluster: "cluster2", release: syntheticRelease(), role: "distributedDeployer" });
        const reachable = runWithFakes(script);
        expect(reachable.status, reachable.stderr).to.equal(0);
        expect(reachable.calls.at(-1)).to.match(/^kubectl delete --ignore-not-found --wait=false -f /);
        expect(reachable.applied?.map(nameOf)).to.have.length(4);
        const gone = runWithFakes(script, { READYZ: "1" });
        expect([gone.status, gone.calls.length]).to.deep.equal([0, 1]);
        expect(gone.stderr.trim()).to.equal("cluster cluster2 does not answer: the objects of distributed_cluster_deployer_example.yaml are left as they are");
    });

    it("fails the nodes-Ready gate with one sentence naming the cluster", () => {
        const run = runWithFakes(nodesReadyScript({ cluster: "cluster2", timeoutSeconds: 5 }), { NODES_READY: "1" });
        expect(run.status).to.equal(1);
        expect(run.stderr.trim()).to.equal("cluster cluster2: not every node is Ready under the vRouter within 5s");
        const ok = runWithFakes(nodesReadyScript({ cluster: "cluster2", timeoutSeconds: 5 }));
        expect(ok.status, ok.stderr).to.equal(0);
        expect(ok.calls).to.include('kubectl -n contrail rollout status daemonset.apps/contrail-vrouter-masters --timeout=5s');
    });
});
