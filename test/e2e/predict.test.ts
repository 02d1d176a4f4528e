// The e2e's added cluster is valid for every kind stack, and the offline prediction for antrea-kind is what the bench says.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { listStacks } from "../../tools/engine/stack-files";
import {
    EXTRA_CLUSTER,
    clustersOf,
    isKindStack,
    nextPool,
    parseStackFileConfig,
    withConfig,
    withExtraCluster,
} from "../../tools/e2e/extend";
import { predict } from "../../tools/e2e/predict";
import { parseStackConfig } from "../../stacks/validate";

const projectDir = path.resolve(__dirname, "..", "..");
const configOf = (stack: string) => parseStackFileConfig(fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8"));
const kindStacks = listStacks(projectDir).filter((stack) => isKindStack(configOf(stack)));

/** Validates a stack file's config map the way the program does. */
function validate(stack: string, config: Record<string, unknown>) {
    const values = Object.fromEntries(Object.entries(config).map(([key, value]) => [key.replace(/^multicluster:/, ""), value]));
    return parseStackConfig({ project: "multicluster", stack, values, secretKeys: [] });
}

describe("e2e: adding a cluster", () => {
    it("finds the kind stacks (antrea-kind among them) and no kubeadm stack", () => {
        expect(kindStacks).to.include.members(["antrea-kind", "dev", "linkerd-cilium", "linkerd-kind"]);
        expect(kindStacks).not.to.include("antrea-lab");
    });

    for (const stack of kindStacks) {
        it(`Pulumi.${stack}.yaml with the e2e's cluster appended passes the whole stack validation`, () => {
            const extended = withExtraCluster(configOf(stack));
            const config = validate(stack, extended);
            expect(config.clusters.map((cluster) => cluster.name)).to.deep.equal([
                ...clustersOf(configOf(stack)).map((cluster) => cluster.name),
                EXTRA_CLUSTER,
            ]);
        });
    }

    it("gives the new cluster the next ID and a pool of the same size beside the others, inside the /16", () => {
        expect(
            nextPool([{ loadBalancerPools: ["172.18.255.200-172.18.255.219"] }, { loadBalancerPools: ["172.18.255.220-172.18.255.239"] }]),
        ).to.equal("172.18.255.180-172.18.255.199");
        expect(nextPool([{ loadBalancerPools: ["172.18.0.1-172.18.0.10"] }, { loadBalancerPools: ["172.18.0.11-172.18.0.20"] }])).to.equal(
            "172.18.0.21-172.18.0.30",
        );
        expect(nextPool([{ name: "a" }])).to.equal(undefined);
        const dev = clustersOf(withExtraCluster(configOf("dev")));
        expect(dev[2]).to.deep.equal({
            name: EXTRA_CLUSTER,
            provisioner: "kind",
            id: 3,
            workers: 1,
            loadBalancerPools: ["172.18.255.180-172.18.255.199"],
        });
    });

    it("appends the cluster to an explicit members list, and replaces only config in a stack file (the passphrase salt stays)", () => {
        const extended = withExtraCluster({
            clusters: [{ name: "a" }, { name: "b" }],
            mesh: { kind: "antrea-multicluster", members: ["b"] },
        });
        expect(extended.mesh).to.deep.equal({ kind: "antrea-multicluster", members: ["b", EXTRA_CLUSTER] });
        const text = withConfig("encryptionsalt: v1:abc\nconfig:\n  multicluster:cni: { kind: none }\n", {
            "multicluster:cni": { kind: "antrea" },
        });
        expect(text).to.equal("encryptionsalt: v1:abc\nconfig:\n  multicluster:cni:\n    kind: antrea\n");
    });

    it("predicts antrea-kind offline: the proof outputs, its gates, and a blast radius that only adds and re-checks", async function () {
        this.timeout(180_000);
        const expected = await predict(projectDir, "antrea-kind", withExtraCluster(configOf("antrea-kind")));
        expect(expected.outputs.apps).to.deep.equal({
            kind: "antrea-multicluster",
            demo: "web exported by antrea-east, proven from antrea-west",
        });
        expect(Object.keys(expected.outputs)).to.deep.equal(["clusters", "layers", "apps"]);
        expect(expected.gates).to.include(
            "multicluster:antrea:AntreaMulticlusterDemo$command:local:Command::antrea-mc-demo-antrea-west-proof",
        );
        expect(expected.gates.filter((gate) => gate.endsWith("-health"))).to.have.length(4);
        expect(expected.kindClusters).to.deep.equal(["antrea-east", "antrea-west", EXTRA_CLUSTER]);
        const actions = Object.values(expected.blast);
        expect(actions).not.to.include("delete");
        expect(Object.entries(expected.blast).filter(([urn]) => urn.endsWith("::e2e-extra-cluster"))).to.deep.equal([
            ["multicluster:kind:KindCluster$command:local:Command::e2e-extra-cluster", "create"],
        ]);
        const existingTouched = Object.entries(expected.blast).filter(
            ([urn, action]) => action !== "create" && !urn.includes(EXTRA_CLUSTER),
        );
        expect(
            existingTouched.map(([urn]) => urn).every((urn) => /peers-check$/.test(urn)),
            JSON.stringify(existingTouched),
        ).to.equal(true);
        expect(expected.blastSummary).to.match(
            /^\d+ created, \d+ updated, \d+ replaced, 0 deleted \(of \d+ existing\), 0 Helm releases changed$/,
        );
    });
});
