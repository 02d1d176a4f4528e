import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as vm from "vm";
import { meshGuardArgs } from "../../components/cilium/mesh-guard";
import { SettingGuardArgs, settingChangeFailures, settingGuardProvider } from "../../components/shared/setting-guard";
import { wireLayers } from "../../stacks/program";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { fakeClustersOf, loadStackFile } from "../fixtures/cilium-clusters";
import { RecordedGraph, recordProgram } from "../mocks";

const GUARD = "pulumi-nodejs:dynamic:Resource";

/** The record's inputs as `pulumi up` stores them for a stack file (edited). */
async function recorded(
    edit: (values: Record<string, unknown>) => Record<string, unknown> = (values) => values,
): Promise<{ graph: RecordedGraph; args: SettingGuardArgs }> {
    const config = loadStackFile("dev", edit);
    const graph = await recordProgram(() => wireLayers(config, { byKey: {} }, fakeClustersOf(config)));
    expect(graph.error, String(graph.error)).to.equal(undefined);
    const inputs = unwrapSecrets(graph.inputsOf(graph.find(GUARD, "cilium-mesh-settings"))) as Record<string, unknown>;
    return { graph, args: inputs as unknown as SettingGuardArgs };
}

const clustersOf = (values: Record<string, unknown>) => values.clusters as Record<string, unknown>[];

/** Loads the provider the way the dynamic provider host does: the serialised module text, run in a fresh context. */
async function serialisedProvider(): Promise<pulumi.dynamic.ResourceProvider> {
    const serialised = await pulumi.runtime.serializeFunction(() => settingGuardProvider);
    const module = { exports: {} as Record<string, () => pulumi.dynamic.ResourceProvider> };
    vm.runInNewContext(serialised.text, { module, exports: module.exports, require, JSON, Object });
    return module.exports[serialised.exportName]();
}

describe("SettingGuard: a running mesh keeps its cluster names, IDs and maxConnectedClusters", () => {
    const mesh = (members: { name: string; id: number }[], max = 255) =>
        meshGuardArgs(
            "Cilium Cluster Mesh",
            members.map((member) => ({ ...member, maxConnectedClusters: max })),
            { maxConnectedClusters: "mesh.maxConnectedClusters" },
        );
    const before = mesh([
        { name: "east", id: 1 },
        { name: "west", id: 2 },
    ]);

    it("refuses a renumbering (a cluster inserted before auto-assigned IDs) with one sentence per changed setting", () => {
        const inserted = mesh([
            { name: "south", id: 1 },
            { name: "east", id: 2 },
            { name: "west", id: 3 },
        ]);
        const reasons = settingChangeFailures(before, inserted).map((failure) => failure.reason);
        expect(reasons).to.have.length(4);
        expect(reasons[0]).to.equal(
            "the id of cluster east = 2 changes its Cilium cluster ID from 1, but a running Cluster Mesh cannot change it: " +
                "the cluster name and ID are in every security identity and in every peer's view of the cluster, and maxConnectedClusters sizes the " +
                "identity space of every member; fix: set the id of cluster east back to 1 (to change it deliberately, see docs/cilium.md " +
                "(Changing a cluster's name or ID)).",
        );
        expect(reasons.slice(1).map((reason) => reason.slice(0, reason.indexOf(", but")))).to.deep.equal([
            "the id of cluster west = 3 changes its Cilium cluster ID from 2",
            'the name of the cluster with id 1 = "south" changes its Cilium cluster name from "east"',
            'the name of the cluster with id 2 = "east" changes its Cilium cluster name from "west"',
        ]);
    });

    it("refuses a rename that keeps the ID, and a new maxConnectedClusters", () => {
        expect(
            settingChangeFailures(
                before,
                mesh([
                    { name: "east2", id: 1 },
                    { name: "west", id: 2 },
                ]),
            ).map((failure) => failure.reason.split(", but")[0]),
        ).to.deep.equal(['the name of the cluster with id 1 = "east2" changes its Cilium cluster name from "east"']);
        expect(
            settingChangeFailures(
                before,
                mesh(
                    [
                        { name: "east", id: 1 },
                        { name: "west", id: 2 },
                    ],
                    511,
                ),
            ).map((failure) => failure.reason.split(", but")[0]),
        ).to.deep.equal(["mesh.maxConnectedClusters = 511 changes the size of every member's cluster-ID space from 255"]);
    });

    it("accepts the first run, the same settings in another order, an added and a removed cluster", () => {
        expect(settingChangeFailures({}, before)).to.deep.equal([]);
        expect(settingChangeFailures(undefined, before)).to.deep.equal([]);
        expect(
            settingChangeFailures(
                before,
                mesh([
                    { name: "west", id: 2 },
                    { name: "east", id: 1 },
                ]),
            ),
        ).to.deep.equal([]);
        expect(
            settingChangeFailures(
                before,
                mesh([
                    { name: "east", id: 1 },
                    { name: "west", id: 2 },
                    { name: "north", id: 3 },
                ]),
            ),
        ).to.deep.equal([]);
        expect(settingChangeFailures(before, mesh([{ name: "west", id: 2 }]))).to.deep.equal([]);
    });

    it("reports each refusal as a problem of the record, so the engine prints the sentence and not the whole recorded map", () => {
        // pulumi/pulumi issueCheckFailures: a failure with a property prints "<type> resource '<name>'s property '<p>' value <the value>
        // has a problem: <reason>" (the value being every recorded setting); without one, "<type> resource '<name>' has a problem: <reason>".
        const failures = settingChangeFailures(
            before,
            mesh([
                { name: "east", id: 7 },
                { name: "west", id: 2 },
            ]),
        );
        expect(failures.map((failure) => failure.property)).to.deep.equal([""]);
    });

    it("fails the provider's check (what every preview runs) also after serialisation into a fresh context, as the dynamic provider host runs it", async () => {
        const provider = await serialisedProvider();
        const changed = mesh([
            { name: "east", id: 7 },
            { name: "west", id: 2 },
        ]);
        const result = await provider.check!(before, changed);
        expect(result.failures).to.deep.equal(settingChangeFailures(before, changed));
        expect(result.failures).to.have.length(1);
        expect((await provider.check!(before, before)).failures).to.equal(undefined);
        expect((await provider.diff!("id", before, before)).changes).to.equal(false);
        expect((await provider.create(before)).id).to.equal("Cilium Cluster Mesh");
    });

    it("is recorded for the dev stack before either release, and refuses swapping its clusters' IDs", async () => {
        const { graph, args } = await recorded();
        const guard = graph.find(GUARD, "cilium-mesh-settings");
        for (const cluster of ["dev-east", "dev-west"]) {
            expect(graph.dependsOn(graph.find("kubernetes:helm.sh/v3:Release", `cilium-${cluster}-release`), guard), cluster).to.equal(
                true,
            );
        }
        const swapped = await recorded((values) => ({
            ...values,
            clusters: clustersOf(values).map((cluster, i) => ({ ...cluster, id: 2 - i })),
        }));
        const reasons = (await settingGuardProvider.check!(args, swapped.args)).failures?.map(
            (failure) => failure.reason.split(", but")[0],
        );
        expect(reasons).to.deep.equal([
            "the id of cluster dev-east = 2 changes its Cilium cluster ID from 1",
            "the id of cluster dev-west = 1 changes its Cilium cluster ID from 2",
            'the name of the cluster with id 1 = "dev-west" changes its Cilium cluster name from "dev-east"',
            'the name of the cluster with id 2 = "dev-east" changes its Cilium cluster name from "dev-west"',
        ]);
    });

    it("is not recorded without a Cilium Cluster Mesh (standalone clusters keep their IDs as config gives them)", async () => {
        const config = loadStackFile("dev", (values) => ({ ...values, mesh: { kind: "none" } }));
        const graph = await recordProgram(() => wireLayers(config, { byKey: {} }, fakeClustersOf(config)));
        expect(graph.ofType(GUARD)).to.deep.equal([]);
    });
});
