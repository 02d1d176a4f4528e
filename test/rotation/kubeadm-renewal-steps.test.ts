// The renewal steps a KubeadmCluster declares: none at generation 0; at a raised one, one per control plane, chained.
import { expect } from "chai";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { KubeadmClusterArgs } from "../../components/kubeadm/types";
import { diffRecordings } from "../../tools/engine/diff";
import { RecordedResource } from "../../tools/engine/recorder";
import { runProgram } from "../../tools/engine/run";
import { SimulationState } from "../../tools/engine/state";
import { HIGHLY_AVAILABLE } from "../fixtures/kubeadm-clusters";

const COMMAND = "command:remote:Command";

describe("rotation: kubeadm certificate renewal steps (HA cluster, offline engine)", function () {
    this.timeout(120_000);
    const state = new SimulationState();
    const runs: (readonly RecordedResource[])[] = [];

    const run = async (args: KubeadmClusterArgs, certificateRenewal?: number) => {
        const result = await runProgram({
            project: "multicluster",
            stack: "test",
            config: {},
            secretKeys: [],
            simulation: { state },
            program: () => new KubeadmCluster("beta", { ...args, ...(certificateRenewal === undefined ? {} : { certificateRenewal }) }),
        });
        expect(result.error, String(result.error)).to.equal(undefined);
        return result.records;
    };

    before(async () => {
        runs.push(
            await run(HIGHLY_AVAILABLE),
            await run(HIGHLY_AVAILABLE, 0),
            await run(HIGHLY_AVAILABLE, 1),
            await run(HIGHLY_AVAILABLE, 2),
        );
    });

    const renewals = (records: readonly RecordedResource[]) =>
        records.filter((r) => r.type === COMMAND && r.name.endsWith("-cert-renewal"));
    const actions = (from: number, to: number) => diffRecordings(runs[from], runs[to]).map((diff) => `${diff.name} ${diff.action}`);

    it("declares nothing at generation 0 (given or not): the same resources, nothing changes", () => {
        expect(renewals(runs[0])).to.deep.equal([]);
        expect(actions(0, 1)).to.deep.equal([]);
    });

    it("generation 1 creates one renewal per control plane and changes nothing else", () => {
        expect(actions(1, 2).sort()).to.deep.equal([
            "beta-cp-1-cert-renewal create",
            "beta-cp-2-cert-renewal create",
            "beta-cp-3-cert-renewal create",
        ]);
    });

    it("chains them control plane by control plane, each after the cluster is ready and its node joined", () => {
        const [first, second, third] = renewals(runs[2]);
        const urnOf = (name: string) => runs[2].find((r) => r.name === name)?.urn;
        expect(first.dependencies).to.include(urnOf("beta-ready"));
        expect(second.dependencies).to.include.members([first.urn, urnOf("beta-cp-2-join")]);
        expect(third.dependencies).to.include.members([second.urn, urnOf("beta-cp-3-join")]);
        expect(first.inputs.triggers).to.deep.equal([1]);
    });

    it("the next generation re-runs every renewal (replaced by its trigger) and nothing else", () => {
        expect(actions(2, 3).sort()).to.deep.equal([
            "beta-cp-1-cert-renewal replace",
            "beta-cp-2-cert-renewal replace",
            "beta-cp-3-cert-renewal replace",
        ]);
    });
});
