// A library user's unit test: Pulumi's documented setMocks (state = inputs, no simulated provider) runs a two-cluster
// program in preview and in `up` mode, and every component registers with no error.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { absentUnderMocks, runsUnderMocks } from "../../components/shared/mock-tolerance";
import { base64 } from "../../components/shared/base64";
import { defaultVersions } from "../../components/versions";
import { ProgramOutputs, twoClusterProgram } from "./two-cluster-program";

/** What one run under the plain mocks registered, and how it ended. */
interface MockRun {
    /** Every registered resource type, in order. */
    readonly types: readonly string[];
    /** The chart and version of every Helm release. */
    readonly charts: readonly { readonly chart: unknown; readonly version: unknown }[];
    /** The program's error, or one that escaped into an apply (undefined when none). */
    readonly error: unknown;
    /** The program's return value. */
    readonly outputs?: ProgramOutputs;
}

/**
 * Runs `program` exactly as Pulumi's docs set mocks up (`newResource` echoes the inputs, `call` echoes its args), then
 * waits for every registration, catching what escapes (an apply that throws) as `pulumi up` would fail on it. The
 * mocks are global: each run sets them afresh, and the engine-backed tests set theirs before every run too.
 */
async function runWithDocumentedMocks(program: () => ProgramOutputs, preview: boolean): Promise<MockRun> {
    const types: string[] = [];
    const charts: { chart: unknown; version: unknown }[] = [];
    pulumi.runtime.setAllConfig({}, []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } => {
                types.push(args.type);
                if (args.type === "kubernetes:helm.sh/v3:Release") {
                    charts.push({ chart: args.inputs.chart, version: args.inputs.version });
                }
                return { id: `${args.name}_id`, state: args.inputs as Record<string, unknown> };
            },
            call: (args: pulumi.runtime.MockCallArgs): Record<string, unknown> => args.inputs as Record<string, unknown>,
        },
        "project",
        "stack",
        preview,
    );
    const escaped: unknown[] = [];
    let escapedFirst: () => void = () => undefined;
    const firstEscape = new Promise<void>((resolve) => (escapedFirst = resolve));
    const record = (reason: unknown): void => {
        escaped.push(reason);
        escapedFirst();
    };
    process.on("unhandledRejection", record);
    process.on("uncaughtException", record);
    let error: unknown;
    let outputs: ProgramOutputs | undefined;
    const ran = (async () => {
        try {
            await pulumi.runtime.runInPulumiStack(async () => {
                outputs = program();
                return outputs;
            });
            await pulumi.runtime.disconnect();
            await new Promise((resolve) => setImmediate(resolve));
        } catch (caught) {
            error = caught;
        }
    })();
    // An escaped error ends the run, as it ends `pulumi up`: what depends on the failed value would wait forever.
    await Promise.race([ran, firstEscape]);
    process.off("unhandledRejection", record);
    process.off("uncaughtException", record);
    return { types, charts, error: error ?? escaped[0], outputs };
}

/** Resolves an Output under the mocks (unknown ones, as in a preview, never run their apply: `"unknown"` then). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T | "unknown"> {
    return new Promise((resolve) => {
        output.apply((value) => resolve(value));
        setTimeout(() => resolve("unknown"), 1000);
    });
}

/** The component types the program declares, each at least once. */
const COMPONENTS = [
    "multicluster:kubeadm:KubeadmCluster",
    "multicluster:kind:KindCluster",
    "multicluster:cilium:CiliumCa",
    "multicluster:cilium:CiliumInstall",
    "multicluster:cilium:CiliumClusterMesh",
    "multicluster:metallb:MetalLB",
    "multicluster:ingress:IngressController",
    "multicluster:linkerd:LinkerdTrust",
    "multicluster:linkerd:LinkerdInstall",
    "multicluster:linkerd:LinkerdLink",
    "multicluster:antrea:AntreaInstall",
    "multicluster:antrea:AntreaClusterSet",
];

describe("the library under Pulumi's documented setMocks", function () {
    this.timeout(120_000);
    const runs = new Map<boolean, MockRun>();

    before(async () => {
        for (const preview of [false, true]) {
            runs.set(preview, await runWithDocumentedMocks(twoClusterProgram, preview));
        }
    });

    for (const preview of [false, true]) {
        it(`registers a two-cluster program with no error (preview: ${String(preview)})`, () => {
            const run = runs.get(preview);
            expect(run?.error, String((run?.error as Error | undefined)?.stack ?? run?.error)).to.equal(undefined);
            const missing = COMPONENTS.filter((type) => !run?.types.includes(type));
            expect(missing, "components never registered").to.deep.equal([]);
            expect(run?.types.filter((type) => type === "multicluster:cilium:CiliumInstall")).to.have.length(2);
            expect(run?.types.filter((type) => type === "multicluster:linkerd:LinkerdLink")).to.have.length(2);
            expect(run?.types.filter((type) => type === "multicluster:antrea:AntreaInstall")).to.have.length(2);
        });
    }

    it("installs every chart at its pin in components/versions.ts when the program gives no version", () => {
        const pins: Record<string, string> = {
            cilium: defaultVersions.cilium,
            antrea: defaultVersions.antrea,
            metallb: defaultVersions.metallb,
            traefik: defaultVersions.traefik,
            "linkerd-crds": defaultVersions.linkerd,
            "linkerd-control-plane": defaultVersions.linkerd,
            "linkerd-viz": defaultVersions.linkerd,
            "linkerd-multicluster": defaultVersions.linkerd,
        };
        const charts = runs.get(false)?.charts ?? [];
        expect(new Set(charts.map((release) => release.chart))).to.deep.equal(new Set(Object.keys(pins)));
        charts.forEach((release) => expect(release.version, String(release.chart)).to.equal(pins[String(release.chart)]));
    });

    it('gives a KindCluster on "auto" ranges the first blocks of the auto pool, known at once', () => {
        expect(runs.get(false)?.outputs?.podCidrs).to.deep.equal({
            east: ["10.1.0.0/16"],
            west: ["10.2.0.0/16"],
            "kind-a": ["10.64.0.0/16"],
            "kind-b": ["10.70.0.0/16"],
        });
    });

    it("leaves what a provider computes absent at up and unknown in a preview (a kubeadm kubeconfig)", async () => {
        const kubeconfig = (preview: boolean) => runs.get(preview)?.outputs?.kubeconfigs.east as pulumi.Output<string>;
        expect(await valueOf(kubeconfig(false))).to.equal(undefined);
        expect(await valueOf(kubeconfig(true))).to.equal("unknown");
    });

    it("tolerates an absent value only under mocks: without them base64 of nothing fails as it always did", () => {
        expect(absentUnderMocks(undefined)).to.equal(true);
        expect(base64(undefined as unknown as string)).to.equal("");
        pulumi.runtime.resetOptions("project", "stack", 1, "", "", false, "");
        expect(runsUnderMocks()).to.equal(false);
        expect(absentUnderMocks(undefined)).to.equal(false);
        expect(() => base64(undefined as unknown as string)).to.throw(TypeError, /Received undefined/);
        expect(base64("ca")).to.equal("Y2E=");
    });
});
