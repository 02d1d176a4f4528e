// KubeadmCluster with hosts that are Outputs of other resources (VMs made in the same program): the same steps at
// preview and up, the scripts rendered over the resolved values, the address rules run on them, the endpoint required.
import { expect } from "chai";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { KubeadmClusterArgs, KubeadmNodeArgs, PlainKubeadmClusterArgs } from "../../components/kubeadm/types";
import { ConfigValidationError } from "../../components/shared/validation";
import { HIGHLY_AVAILABLE, SMALL } from "../fixtures/kubeadm-clusters";
import { RecordedGraph, recordProgram } from "../mocks";

const COMMAND = "command:remote:Command";

/** An address known only once a "VM" resource exists (unknown at preview, `ip` at up). */
const vmAddress = (name: string, ip: string): pulumi.Output<string> =>
    new command.local.Command(`vm-${name}`, { create: "true" }).id.apply(() => ip);

/** SMALL with every host (and the second worker's address) an Output of a VM resource, and the endpoint given. */
function outputHosts(overrides: Partial<Record<string, string>> = {}): KubeadmClusterArgs {
    const ip = (key: string, fallback: string) => vmAddress(key, overrides[key] ?? fallback);
    const [cp] = SMALL.controlPlanes;
    const [w1, w2] = SMALL.workers ?? [];
    const controlPlanes: KubeadmNodeArgs[] = [{ ...cp, host: ip("cp", cp.host) }];
    const workers: KubeadmNodeArgs[] = [
        { ...w1, host: ip("w1", w1.host) },
        { ...w2, host: ip("w2-host", w2.host), address: ip("w2", w2.address ?? "") },
    ];
    return { ...SMALL, controlPlanes, workers, controlPlaneEndpoint: "10.0.0.10:6443" };
}

/** SMALL as plain values with the same endpoint: what the Output version must render once resolved. */
const plainSmall: PlainKubeadmClusterArgs = { ...SMALL, controlPlaneEndpoint: "10.0.0.10:6443" };

async function record(args: () => KubeadmClusterArgs, preview = false): Promise<RecordedGraph> {
    return recordProgram(() => new KubeadmCluster("alpha", args()), { preview });
}

const commands = (graph: RecordedGraph) => graph.ofType(COMMAND).map((step) => step.name);
const inputOf = (graph: RecordedGraph, name: string, key: string) => graph.inputsOf(graph.find(COMMAND, name))[key];
/** Triggers with the simulated resource IDs (which hash the inputs, dependencies included) masked. */
const triggersOf = (graph: RecordedGraph, name: string) =>
    (inputOf(graph, name, "triggers") as unknown[]).map((value) => String(value).replace(/^(alpha-[a-z0-9-]+)-[0-9a-f]{8}$/, "$1-<id>"));

describe("KubeadmCluster with hosts given as Outputs", function () {
    this.timeout(120_000);
    let plain: RecordedGraph;

    before(async () => {
        plain = await record(() => plainSmall);
        expect(plain.error, String(plain.error)).to.equal(undefined);
    });

    it("previews the same steps, with the same names and dependencies, while the addresses are unknown", async () => {
        const preview = await record(outputHosts, true);
        expect(preview.error, String(preview.error)).to.equal(undefined);
        expect(commands(preview)).to.deep.equal(commands(plain));
        for (const step of plain.ofType(COMMAND)) {
            const roles = (graph: RecordedGraph, name: string) =>
                graph
                    .find(COMMAND, name)
                    .dependencies.filter((urn) => urn.includes(COMMAND))
                    .map((urn) => urn.split("::").pop())
                    .filter((name) => !String(name).startsWith("vm-"))
                    .sort();
            expect(roles(preview, step.name), step.name).to.deep.equal(roles(plain, step.name));
        }
    });

    it("renders every script, trigger and connection over the resolved addresses at up, waiting for the VMs", async () => {
        const up = await record(outputHosts);
        expect(up.error, String(up.error)).to.equal(undefined);
        expect(commands(up)).to.deep.equal(commands(plain));
        for (const name of commands(plain)) {
            for (const key of ["create", "delete"]) {
                expect(inputOf(up, name, key), `${name} ${key}`).to.deep.equal(inputOf(plain, name, key));
            }
            expect(triggersOf(up, name), `${name} triggers`).to.deep.equal(triggersOf(plain, name));
            expect(up.isSecretInput(up.find(COMMAND, name), "connection"), name).to.equal(true);
        }
        expect(inputOf(up, "alpha-init", "stdin"))
            .to.be.a("string")
            .and.contain("10.0.0.10");
        expect(up.dependsOn(up.find(COMMAND, "alpha-init"), up.find("command:local:Command", "vm-cp"))).to.equal(true);
        expect((inputOf(up, "alpha-w2-join", "connection") as { host: string }).host).to.equal("worker-2.lab.internal");
    });

    it("connects through a bastion whose host and a node whose host key are Outputs, as with the plain values", async () => {
        const [cp1, ...others] = HIGHLY_AVAILABLE.controlPlanes;
        const bastion = HIGHLY_AVAILABLE.ssh?.bastion;
        const ha = (outputs: boolean) =>
            recordProgram(() => {
                const args: KubeadmClusterArgs = outputs
                    ? {
                          ...HIGHLY_AVAILABLE,
                          controlPlanes: [{ ...cp1, hostKey: vmAddress("key", cp1.hostKey ?? "") }, ...others],
                          ssh: { ...HIGHLY_AVAILABLE.ssh, bastion: { host: vmAddress("bastion", bastion?.host ?? "") } },
                      }
                    : HIGHLY_AVAILABLE;
                return new KubeadmCluster("beta", args);
            });
        const [plainHa, outputHa] = [await ha(false), await ha(true)];
        expect(outputHa.error, String(outputHa.error)).to.equal(undefined);
        for (const name of ["beta-init", "beta-cp-2-join", "beta-worker-1-prepare"]) {
            expect(inputOf(outputHa, name, "connection"), name).to.deep.equal(inputOf(plainHa, name, "connection"));
        }
        expect(inputOf(outputHa, "beta-init", "connection")).to.nested.include({ "proxy.host": "bastion.example.com" });
    });

    it("leaves addresses given as Outputs out of network.nodeAddresses and keeps the names and endpoint plain", async () => {
        let cluster: KubeadmCluster | undefined;
        const graph = await recordProgram(() => {
            const args = outputHosts();
            cluster = new KubeadmCluster("alpha", { ...args, workers: [...(args.workers ?? []), { host: "10.0.0.23" }] });
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        expect(cluster?.network.nodeAddresses).to.deep.equal(["10.0.0.23"]);
        expect(cluster?.endpoint).to.deep.equal({ host: "10.0.0.10", port: 6443 });
        expect(await new Promise((resolve) => cluster?.nodeNames.apply(resolve))).to.deep.equal([
            "alpha-cp-1",
            "alpha-worker-1",
            "alpha-w2",
            "alpha-worker-3",
        ]);
    });

    it("fails with the rule's own sentence when an address given as an Output resolves to something no node can have", async () => {
        const sentence = (() => {
            try {
                resolveKubeadmCluster("alpha", { ...plainSmall, workers: [{ host: "10.0.0.21" }, { host: "127.0.0.1" }] });
            } catch (error) {
                return (error as ConfigValidationError).issues.map((found) => found.message);
            }
            return [];
        })();
        expect(sentence).to.have.length(1);
        expect(sentence[0]).to.contain("workers[1].host");
        const graph = await record(() => {
            const args = outputHosts({ w2: "127.0.0.1" });
            const [w1, w2] = args.workers ?? [];
            return { ...args, workers: [{ ...w1, host: "10.0.0.21" }, { host: w2.address ?? "" }] };
        });
        expect(String(graph.error)).to.contain(sentence[0]);
    });

    it("requires controlPlaneEndpoint at construction when the first control plane's address is an Output", async () => {
        const graph = await record(() => ({ ...outputHosts(), controlPlaneEndpoint: undefined }));
        expect(graph.error).to.be.instanceOf(ConfigValidationError);
        expect(String(graph.error)).to.contain(
            "controlPlaneEndpoint is missing while controlPlanes[0].host is an Output, and the cluster's endpoint (by default that address) must be known at preview; fix: set controlPlaneEndpoint to",
        );
        expect(commands(graph)).to.deep.equal([]);
    });

    it("still checks every plain value at construction (before any step exists)", async () => {
        const graph = await record(() => ({ ...outputHosts(), podCidr: "10.96.0.0/16" }));
        expect(graph.error).to.be.instanceOf(ConfigValidationError);
        expect(String(graph.error)).to.contain("podCidr");
        expect(commands(graph)).to.deep.equal([]);
    });
});
