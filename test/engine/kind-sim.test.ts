import { expect } from "chai";
import * as crypto from "crypto";
import { KindCluster } from "../../components/kind/cluster";
import { promiseOf, recordProgram } from "../mocks";

describe("offline engine: kind", () => {
    it("answers KindCluster's kubeconfig step with a realistic kubeconfig, so the contract's CA and API URL are real", async () => {
        let cluster: KindCluster | undefined;
        const graph = await recordProgram(() => {
            cluster = new KindCluster("east", { podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16" });
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const ca = new crypto.X509Certificate(await promiseOf(cluster!.caCertificate));
        expect(ca.ca).to.equal(true);
        expect(await promiseOf(cluster!.apiServer)).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
        expect(cluster!.endpoint).to.deep.equal({ host: "east-control-plane", port: 6443 });
    });
});
