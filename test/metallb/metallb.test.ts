import { expect } from "chai";
import { crd, deployment, endpoints, object } from "../linkerd/fake-kube/objects";
import { runAgainstFake } from "../linkerd/fake-kube/sandbox";
import { MetalLB } from "../../components/metallb/metallb";
import { addressPools, addressesWithout, l2Advertisement, metallbValues } from "../../components/metallb/manifests";
import { webhookReadyScript } from "../../components/metallb/health";
import { metallbIssues, overlappingPoolIssues } from "../../components/metallb/validate";
import { ConfigValidationError } from "../../components/shared/validation";
import { toYamlDocuments } from "../../components/shared/yaml";
import { fakeCluster } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { recordProgram } from "../mocks";
import { keyPaths, leafPaths, linkerdValues, problemsOf, specPaths } from "../linkerd/helpers";

const gateway = { name: "linkerd-gateway", ip: "172.18.0.70", namespaces: ["linkerd-multicluster"] };

describe("MetalLB", () => {
    it("renders the pools with the gateway's address kept apart, and the L2 advertisement of them (golden)", () => {
        const pools = addressPools(["172.18.0.61-172.18.0.70", "172.18.1.0/28"], [gateway]);
        expectGolden("metallb/pools-kind-east.yaml", toYamlDocuments([...pools, l2Advertisement(pools.map((pool) => pool.metadata.name))]));
        expect(pools.map((pool) => pool.spec.addresses)).to.deep.equal([["172.18.0.61-172.18.0.69", "172.18.1.0/28"], ["172.18.0.70/32"]]);
    });

    it("splits ranges around reserved addresses, leaving untouched pools as written", () => {
        expect(addressesWithout(["10.0.0.1-10.0.0.9"], ["10.0.0.5", "10.0.0.1"])).to.deep.equal(["10.0.0.2-10.0.0.4", "10.0.0.6-10.0.0.9"]);
        expect(addressesWithout(["10.0.0.0/30"], ["10.0.0.2"])).to.deep.equal(["10.0.0.0-10.0.0.1", "10.0.0.3/32"]);
        expect(addressesWithout(["fd00::/126"], ["fd00::3"])).to.deep.equal(["fd00::-fd00::2"]);
        expect(addressesWithout(["10.0.0.7/32"], ["10.0.0.7"])).to.deep.equal([]);
        expect(addressPools(["10.0.0.7/32"], [{ name: "g", ip: "10.0.0.7" }]).map((pool) => pool.metadata.name)).to.deep.equal([
            "reserved-g",
        ]);
    });

    it("sets only chart keys and CRD fields that exist at v0.16.1", () => {
        const chart = keyPaths("metallb/fixtures/metallb-values-paths-0.16.1.txt");
        expect(leafPaths(metallbValues()).filter((path) => !chart.has(path))).to.deep.equal([]);
        const pool = keyPaths("metallb/fixtures/ipaddresspool-v1beta1-spec-paths.txt");
        for (const manifest of addressPools(["10.0.0.1-10.0.0.9"], [gateway])) {
            expect(specPaths(manifest.spec, "spec").filter((path) => !pool.has(path))).to.deep.equal([]);
        }
        const l2 = keyPaths("metallb/fixtures/l2advertisement-v1beta1-spec-paths.txt");
        expect(specPaths(l2Advertisement(["default"]).spec, "spec").filter((path) => !l2.has(path))).to.deep.equal([]);
    });

    it("waits until the webhook answers a dry run before any pool (golden, shellchecked)", async () => {
        expectGolden("metallb/webhook.sh", webhookReadyScript({ cluster: "kind-east", timeoutSeconds: 600 }));
        const graph = await recordProgram(
            () =>
                new MetalLB("metallb-east", {
                    cluster: fakeCluster({ name: "east", podCidr: "10.244.0.0/16" }),
                    version: "0.16.1",
                    pools: ["172.18.0.61-172.18.0.70"],
                    reserved: [gateway],
                }),
        );
        expect(graph.error).to.equal(undefined);
        const webhook = graph.find("command:local:Command", "metallb-east-webhook");
        expect(graph.dependsOn(webhook, graph.find("kubernetes:helm.sh/v3:Release", "metallb-east-release"))).to.equal(true);
        for (const object of [
            ...graph.ofType("kubernetes:metallb.io/v1beta1:IPAddressPool"),
            ...graph.ofType("kubernetes:metallb.io/v1beta1:L2Advertisement"),
        ]) {
            expect(graph.dependsOn(object, webhook), object.name).to.equal(true);
        }
        expect(graph.inputsOf(graph.find("kubernetes:core/v1:Namespace", "metallb-east-namespace")).metadata).to.deep.include({
            name: "metallb-system",
        });
        expect(graph.inputsOf(graph.find("kubernetes:helm.sh/v3:Release", "metallb-east-release"))).to.deep.include({
            createNamespace: false,
            version: "0.16.1",
        });
    });

    it("refuses escape-hatch image values that would break the pull (loadBalancer.values), each by its own grammar", () => {
        const values = {
            controller: { image: { repository: "quay.io/metallb/controller;id", tag: "v0.16.1" } },
            speaker: { image: { tag: "v0.16.1 && reboot" } },
        };
        expect(problemsOf(linkerdValues(2, { mesh: { kind: "none" }, loadBalancer: { kind: "metallb", values } }))).to.deep.equal([
            'loadBalancer.values.controller.image.repository = "quay.io/metallb/controller;id" is not an image repository ([registry/]path of lowercase letters, digits and separators, ' +
                'without spaces, quotes or shell characters); fix: write it like "registry.example.com/team/app".',
            "loadBalancer.values.speaker.image.tag = \"v0.16.1 && reboot\" is not an image tag (at most 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'); fix: write it like \"v1.2.3\".",
        ]);
    });

    it("rejects bad pools and reserved addresses, and pools shared between clusters, for library users", () => {
        expect(
            metallbIssues(
                ["172.18.0.70-172.18.0.61"],
                [
                    { name: "Gateway", ip: "172.19.0.1" },
                    { name: "g2", ip: "x" },
                ],
            ).map((found) => found.message),
        ).to.deep.equal([
            'pools[0] = "172.18.0.70-172.18.0.61" is not an aligned CIDR or a first-last address range; fix: write it as e.g. "172.18.255.200/29" or "172.18.255.200-172.18.255.219".',
            "reserved[0].name = \"Gateway\" is not a short DNS label; fix: use lowercase letters, digits and '-', at most 54 characters.",
            'reserved[0].ip = "172.19.0.1" is outside the pools (172.18.0.70-172.18.0.61); fix: reserve an address inside a pool.',
            'reserved[1].ip = "x" is not an IP address; fix: give one address from the pools.',
        ]);
        expect(
            metallbIssues(["172.18.0.61-172.18.0.70"], [{ name: "g", ip: "172.18.0.70", namespaces: ["Linkerd_MC"] }]).map(
                (found) => found.message,
            ),
        ).to.deep.equal([
            'reserved[0].namespaces[0] = "Linkerd_MC" is not a DNS-1123 label (lowercase letters, digits and \'-\', alphanumeric at both ends, at most 63 characters), so it cannot name a namespace; fix: use a name like "web-1".',
        ]);
        expect(() => new MetalLB("m", { cluster: undefined as never, version: "0.16.1", pools: [] })).to.throw(
            ConfigValidationError,
            /pools = \[\] is empty/,
        );
        expect(
            overlappingPoolIssues([
                { cluster: "east", pools: ["172.18.0.61-172.18.0.70"] },
                { cluster: "west", pools: ["172.18.0.64/30"] },
            ]).map((found) => found.message),
        ).to.deep.equal([
            'west.pools[0] = "172.18.0.64/30" overlaps the pool east.pools[0] "172.18.0.61-172.18.0.70" of cluster east; fix: give every cluster its own addresses.',
        ]);
        expect(
            overlappingPoolIssues([
                { cluster: "east", pools: ["172.18.0.0/28"] },
                { cluster: "bad key!", pools: ["172.18.0.8/29"] },
            ]).map((found) => found.message.split(" = ")[0]),
        ).to.deep.equal(['["bad key!"].pools[0]']);
    });

    it("passes its gate only once the webhook answers, with one deadline and every call bounded (fake cluster)", () => {
        const objects = [
            crd("ipaddresspools.metallb.io"),
            crd("l2advertisements.metallb.io"),
            deployment("metallb-controller", "metallb-system"),
            object("DaemonSet", "metallb-speaker", "metallb-system", {
                metadata: { generation: 1 },
                status: { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 },
            }),
        ];
        const script = webhookReadyScript({ cluster: "east", timeoutSeconds: 1 });
        const waiting = runAgainstFake(script, { objects });
        expect(waiting.stderr).to.equal(
            "cluster east: the MetalLB webhook does not serve after 1s: the webhook Service metallb-system/metallb-webhook-service has no endpoints yet\n",
        );
        const ready = runAgainstFake(script, {
            objects: [...objects, endpoints("metallb-webhook-service", "metallb-system", ["10.244.1.7"])],
            requireRequestTimeout: true,
        });
        expect(ready.status, ready.stderr).to.equal(0);
        expect(ready.calls).to.include("--request-timeout=15s create --dry-run=server -f -");
    });
});
