import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError } from "../../components/shared/validation";
import { RawStackConfig } from "../../stacks/config/load";
import { parseStackConfig, stackWarnings } from "../../stacks/validate";
import { PRIVATE_KEY, badConfigs, kindA, kindB, kubeadmA } from "../cases/bad-configs";
import { expected } from "./bad-config-messages";

function raw(values: Record<string, unknown>, secretKeys: string[] = [], foreignKeys: string[] = []): RawStackConfig {
    return { project: "multicluster", stack: "test", values, secretKeys, foreignKeys };
}

function problems(values: Record<string, unknown>, secretKeys: string[] = [], foreignKeys: string[] = []): string[] {
    try {
        parseStackConfig(raw(values, secretKeys, foreignKeys));
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigValidationError);
        return (error as ConfigValidationError).issues.map((entry) => entry.message);
    }
    return [];
}

describe("stack config validation", () => {
    it("covers every case of the table and at least 12 distinct rules", () => {
        expect(Object.keys(expected)).to.deep.equal(badConfigs.map((entry) => entry.name));
        expect(badConfigs.length).to.be.at.least(12);
    });

    for (const entry of badConfigs) {
        it(`rejects: ${entry.name}`, () => {
            expect(problems(entry.values, entry.secretKeys, entry.foreignKeys)).to.deep.equal(expected[entry.name]);
        });
    }

    it("names the key, the value and the fix in every message", () => {
        for (const messages of Object.values(expected)) {
            for (const message of messages) {
                expect(message).to.match(/^(?:[A-Za-z0-9:\][._/-]|"(?:[^"\\]|\\.)*")+ (= .+ |is missing)/);
                expect(message).to.contain("; fix: ").and.to.match(/\.$/);
            }
        }
    });

    it("never shows a value that could be secret: unknown keys, multi-line values, key material", () => {
        const body = PRIVATE_KEY.split("\n")[1];
        for (const messages of Object.values(expected)) {
            for (const message of messages) {
                expect(message).not.to.contain("PRIVATE KEY").and.not.to.contain(body.slice(0, 20)).and.not.to.contain("\n");
            }
        }
        const pasted = problems({ clusters: [{ ...kindA, name: PRIVATE_KEY }], cni: { kind: "cilium", values: { secret: PRIVATE_KEY } } });
        expect(pasted.join(" ")).not.to.contain(body.slice(0, 20)).and.not.to.contain("PRIVATE");
    });

    it("reports the schema problems of every section together, and runs no cross-field rule over a section that failed", () => {
        const found = problems({
            clusters: [
                { ...kubeadmA, workers: [{ host: "172.26.0.142", labels: "role=edge" }] },
                { ...kindB, podCidr: "10.1.0.0/17" },
            ],
            cni: "cilium",
            mesh: { kind: "linkerd", links: [{ from: "k8s-01", to: "nowhere" }] },
        });
        expect(found.map((message) => message.split(" ")[0])).to.deep.equal(["clusters[0].workers[0].labels", "cni"]);
    });

    it("still resolves the clusters and checks the network plan when only a section the plan does not read failed", () => {
        const found = problems({
            clusters: [kubeadmA, { ...kindB, podCidr: "10.1.0.0/17" }, { ...kindB, name: "east", id: 3, podCidr: "10.245.128.0/17" }],
            cni: { kind: "cilium" },
            ingress: { kind: "traefik", values: "not a map" },
        });
        expect(found.map((message) => message.split(" ")[0])).to.deep.equal([
            "ingress.values",
            "clusters[1].podCidr",
            "clusters[2].serviceCidr",
        ]);
        expect(
            problems({ clusters: [kubeadmA, kindB], cni: { kind: "cilium" }, ingress: { kind: "traefik", values: "not a map" } }).map(
                (message) => message.split(" ")[0],
            ),
        ).to.deep.equal(["ingress.values"]);
    });

    it("warns, without failing, when a bastion is set and a kubeadm cluster has no API URL for Pulumi's own access", () => {
        const behind = parseStackConfig(raw({ clusters: [kubeadmA, kindB], ssh: { bastion: { host: "bastion.lab" } } }));
        expect(stackWarnings(behind)).to.deep.equal([
            "clusters[0].apiServerUrl is not set while ssh.bastion is: Pulumi and the local wait scripts will dial https://172.26.0.141:6443 directly, " +
                "which a bastion setup usually cannot reach; set clusters[0].apiServerUrl to a URL this machine reaches (e.g. https://127.0.0.1:16443 " +
                "through `ssh -L 16443:<endpoint> <bastion>`).",
        ]);
        const tunnelled = parseStackConfig(
            raw({ clusters: [{ ...kubeadmA, apiServerUrl: "https://127.0.0.1:16443" }], ssh: { bastion: { host: "bastion.lab" } } }),
        );
        expect(stackWarnings(tunnelled)).to.deep.equal([]);
        expect(stackWarnings(parseStackConfig(raw({ clusters: [kubeadmA] })))).to.deep.equal([]);
    });

    it("throws a RunError, so Pulumi prints the message without a stack trace", () => {
        try {
            parseStackConfig(raw({ clusters: [] }));
            expect.fail("expected a validation error");
        } catch (error) {
            expect(pulumi.RunError.isInstance(error)).to.equal(true);
            expect((error as Error).message).to.equal(
                "stack config Pulumi.test.yaml (namespace multicluster) is invalid (1 problem):\n" +
                    "  - clusters = [] needs at least 1 entry; fix: add entries to clusters.",
            );
        }
    });

    it("accepts valid configs and fills in defaults", () => {
        const { id: _kindId, ...kindAuto } = kindA;
        const { id: _kubeadmId, ...kubeadmAuto } = kubeadmA;
        const config = parseStackConfig(raw({ clusters: [kindAuto, kubeadmAuto], ssh: { user: "ubuntu" } }));
        expect(config.clusters.map((cluster) => [cluster.id, cluster.idDefaulted])).to.deep.equal([
            [1, true],
            [2, true],
        ]);
        expect(config.ssh).to.deep.equal({ user: "ubuntu", port: 22 });
        expect(config.cni).to.deep.equal({ kind: "none" });
        const kubeadm = config.clusters[1];
        expect(kubeadm.provisioner === "kubeadm" && kubeadm.controlPlaneEndpoint).to.equal("172.26.0.141:6443");
        expect(kubeadm.provisioner === "kubeadm" && kubeadm.workers[0].name).to.equal("k8s-01-worker-1");
    });

    it("accepts a secret SSH key and never reads its value", () => {
        expect(problems({ clusters: [kubeadmA] }, ["sshPrivateKey"])).to.deep.equal([]);
    });

    it("skips kube-proxy by default only when Cilium replaces it", () => {
        const withKpr = parseStackConfig(raw({ clusters: [kindA], cni: { kind: "cilium", kubeProxyReplacement: true } }));
        const without = parseStackConfig(raw({ clusters: [kindA], cni: { kind: "cilium" } }));
        expect(withKpr.clusters[0].skipKubeProxy).to.equal(true);
        expect(without.clusters[0].skipKubeProxy).to.equal(false);
    });

    describe("auto CIDRs", () => {
        const auto = (name: string) => ({ name, provisioner: "kind" });

        it("allocates aligned, non-overlapping blocks from the supernet", () => {
            const config = parseStackConfig(raw({ clusters: [auto("a"), auto("b")] }));
            expect(config.clusters.map((c) => [c.podCidr, c.serviceCidr])).to.deep.equal([
                ["10.64.0.0/16", "10.65.0.0/20"],
                ["10.66.0.0/16", "10.65.16.0/20"],
            ]);
        });

        it("never moves an existing cluster's blocks when a cluster is appended", () => {
            const two = parseStackConfig(raw({ clusters: [auto("a"), auto("b")] }));
            const three = parseStackConfig(raw({ clusters: [auto("a"), auto("b"), auto("c")] }));
            const withExplicit = parseStackConfig(
                raw({ clusters: [auto("a"), auto("b"), { ...kindB, name: "c", id: 3, podCidr: "10.80.0.0/16" }] }),
            );
            expect(three.clusters.slice(0, 2)).to.deep.equal(two.clusters);
            expect(withExplicit.clusters.slice(0, 2)).to.deep.equal(two.clusters);
        });

        it("reports a later explicit range that collides with an auto block instead of moving the block", () => {
            expect(problems({ clusters: [auto("a"), { ...kindB, name: "c", podCidr: "10.64.0.0/17" }] })).to.deep.equal([
                'clusters[1].podCidr = "10.64.0.0/17" overlaps clusters[0].podCidr "10.64.0.0/16" (10.64.0.0-10.64.255.255); ' +
                    'fix: give every pod and service range of every cluster its own block, or set it to "auto".',
            ]);
        });

        it("avoids explicit ranges of the same and earlier clusters", () => {
            const config = parseStackConfig(raw({ clusters: [{ ...kindA, podCidr: "10.64.0.0/16" }, auto("b")] }));
            expect(config.clusters[1].podCidr).to.equal("10.65.0.0/16");
        });
    });
});
