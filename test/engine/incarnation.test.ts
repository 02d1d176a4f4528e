import { expect } from "chai";
import { KindCluster } from "../../components/kind/cluster";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { Cluster } from "../../components/cluster";
import { CiliumInstall } from "../../components/cilium/install";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { SimulationState, replaces } from "../../tools/engine/state";
import { SMALL } from "../fixtures/kubeadm-clusters";
import { baseSettings } from "../fixtures/cilium-clusters";

const PROVIDER = "pulumi:providers:kubernetes";

/** A cluster with Cilium in it, so there is an in-cluster resource whose fate follows the provider's. */
function withCilium(cluster: Cluster): void {
    new CiliumInstall(`cilium-${cluster.name}`, { cluster, version: "1.20.0", settings: baseSettings, k8sService: cluster.endpoint });
}

async function run(program: () => void, state: SimulationState): Promise<readonly RecordedResource[]> {
    const result = await runProgram({ project: "multicluster", stack: "test", config: {}, secretKeys: [], program, simulation: { state } });
    expect(result.error, String(result.error)).to.equal(undefined);
    return result.records;
}

function find(records: readonly RecordedResource[], type: string, name: string): RecordedResource {
    const found = records.find((record) => record.type === type && record.name === name);
    if (!found) {
        throw new Error(`no ${type} ${name}`);
    }
    return found;
}

const asRegistration = (record: RecordedResource) => ({ ...record, provider: record.provider ?? undefined });

describe("cluster incarnation (provider identity)", () => {
    it("a re-created kind cluster gets a new provider identity, which replaces the resources in it", async () => {
        const state = new SimulationState();
        const kind = (workers: number) => () =>
            withCilium(new KindCluster("east", { podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16", workers }));
        const before = await run(kind(1), state);
        const after = await run(kind(2), state);
        const [old, now] = [before, after].map((records) => find(records, PROVIDER, "east-k8s"));
        expect(now.inputs.clusterIdentifier).to.not.equal(old.inputs.clusterIdentifier);
        expect(replaces(asRegistration(old), asRegistration(now)), "the provider is replaced").to.equal(true);
        const release = find(after, "kubernetes:helm.sh/v3:Release", "cilium-east-release");
        expect(release.provider).to.equal(now.urn);
    });

    it("a re-minted admin certificate updates the kubeadm provider's kubeconfig but keeps its identity", async () => {
        const state = new SimulationState();
        const program = () => withCilium(new KubeadmCluster("alpha", SMALL));
        const before = await run(program, state);
        state.forget("tls:index/locallySignedCert:LocallySignedCert", "alpha-admin");
        const after = await run(program, state);
        const [old, now] = [before, after].map((records) => find(records, PROVIDER, "alpha-k8s"));
        expect(JSON.stringify(now.inputs.kubeconfig)).to.not.equal(JSON.stringify(old.inputs.kubeconfig));
        expect(now.inputs.clusterIdentifier).to.equal(old.inputs.clusterIdentifier);
        expect(replaces(asRegistration(old), asRegistration(now)), "the provider is only updated").to.equal(false);
    });

    it("a replaced `kubeadm init` (a new cluster) gets a new identity", async () => {
        const state = new SimulationState();
        const before = await run(() => withCilium(new KubeadmCluster("alpha", SMALL)), state);
        const moved = { ...SMALL, controlPlanes: [{ host: "10.0.0.11" }] };
        const after = await run(() => withCilium(new KubeadmCluster("alpha", moved)), state);
        const [old, now] = [before, after].map((records) => find(records, PROVIDER, "alpha-k8s"));
        expect(
            replaces(
                asRegistration(find(before, "command:remote:Command", "alpha-init")),
                asRegistration(find(after, "command:remote:Command", "alpha-init")),
            ),
        ).to.equal(true);
        expect(now.inputs.clusterIdentifier).to.not.equal(old.inputs.clusterIdentifier);
    });
});
