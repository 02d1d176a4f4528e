// IngressController from plain Cluster data: its own provider, its parent, and the waits (the data's API step, opts.dependsOn).
import { expect } from "chai";
import * as command from "@pulumi/command";
import { IngressController } from "../../components/ingress/ingress";
import { recordProgram } from "../mocks";
import { dataCluster } from "../linkerd/data-clusters";

describe("IngressController from plain Cluster data", function () {
    this.timeout(60_000);

    it("makes its own provider, parents its objects to itself, and waits for the API and opts.dependsOn", async () => {
        const graph = await recordProgram(() => {
            const balancer = new command.local.Command("east-lb", { create: "true" });
            return new IngressController("ingress-east", { cluster: dataCluster("east", 0), kind: "traefik" }, { dependsOn: [balancer] });
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const provider = graph.find("pulumi:providers:kubernetes", "ingress-east-east-k8s");
        expect(provider.parent).to.match(/multicluster:ingress:IngressController::ingress-east$/);
        const [apiReady, balancer] = ["east-api-ready", "east-lb"].map((name) => graph.find("command:local:Command", name).urn);
        const namespace = graph.find("kubernetes:core/v1:Namespace", "ingress-east-namespace");
        const release = graph.find("kubernetes:helm.sh/v3:Release", "ingress-east-release");
        expect(namespace.dependencies).to.include.members([apiReady, balancer]);
        expect(release.dependencies).to.include.members([apiReady, balancer, namespace.urn]);
        expect(graph.inputsOf(release).version).to.equal("41.3.0");
        for (const record of [namespace, release]) {
            expect(record.provider, record.name).to.satisfy((urn: string) => urn.startsWith(provider.urn));
        }
        expect(graph.find("command:local:Command", "ingress-east-running").dependencies).to.include.members([release.urn, apiReady]);
    });
});
