// MetalLB from plain Cluster data: its own provider, its parent, and the waits (the data's API step, opts.dependsOn, the webhook).
import { expect } from "chai";
import * as command from "@pulumi/command";
import { MetalLB } from "../../components/metallb/metallb";
import { recordProgram } from "../mocks";
import { dataCluster } from "../linkerd/data-clusters";

describe("MetalLB from plain Cluster data", function () {
    this.timeout(60_000);

    it("makes its own provider, parents every object to itself, and waits for the API, opts.dependsOn and the webhook", async () => {
        let pools: string[] = [];
        const graph = await recordProgram(() => {
            const cni = new command.local.Command("east-cni", { create: "true" });
            const metallb = new MetalLB(
                "metallb-east",
                { cluster: dataCluster("east", 0), pools: ["192.168.10.200-192.168.10.210"] },
                { dependsOn: [cni] },
            );
            pools = metallb.loadBalancerPools;
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        expect(pools).to.deep.equal(["192.168.10.200-192.168.10.210"]);
        const provider = graph.find("pulumi:providers:kubernetes", "metallb-east-east-k8s");
        expect(provider.parent).to.match(/multicluster:metallb:MetalLB::metallb-east$/);
        const urnOf = (type: string, name: string) => graph.find(type, name).urn;
        const namespace = graph.find("kubernetes:core/v1:Namespace", "metallb-east-namespace");
        expect(namespace.dependencies).to.include.members([
            urnOf("command:local:Command", "east-api-ready"),
            urnOf("command:local:Command", "east-cni"),
        ]);
        const release = graph.find("kubernetes:helm.sh/v3:Release", "metallb-east-release");
        expect(graph.inputsOf(release).version).to.equal("0.16.1");
        expect(release.dependencies).to.include(urnOf("command:local:Command", "east-cni"));
        const webhook = graph.find("command:local:Command", "metallb-east-webhook");
        expect(webhook.dependencies).to.include.members([release.urn, urnOf("command:local:Command", "east-api-ready")]);
        for (const record of [namespace, release, ...graph.ofType("kubernetes:metallb.io/v1beta1:IPAddressPool")]) {
            expect(record.provider, record.name).to.satisfy((urn: string) => urn.startsWith(provider.urn));
            expect(record.parent, record.name).to.match(/MetalLB::metallb-east$/);
        }
        expect(
            graph.ofType("kubernetes:metallb.io/v1beta1:IPAddressPool").every((pool) => pool.dependencies.includes(webhook.urn)),
        ).to.equal(true);
    });
});
