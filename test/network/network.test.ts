import { expect } from "chai";
import { allocateBlocks } from "../../components/network/allocator";
import { parseCidr, parseRange, rangesOverlap } from "../../components/network/cidr";
import { PlannedCluster, checkNetworkPlan } from "../../components/network/plan";
import { suggestLabel } from "../../components/network/value-checks";

describe("network: CIDR arithmetic", () => {
    const cases: [string, string | undefined, boolean | undefined][] = [
        ["10.96.0.0/12", "10.96.0.0/12", false],
        ["10.97.0.0/12", "10.96.0.0/12", true],
        ["10.244.0.0/16", "10.244.0.0/16", false],
        ["fd00:10:244::/56", "fd00:10:244::/56", false],
        ["fd00:10:244::1/56", "fd00:10:244::/56", true],
        ["10.244.0.0", undefined, undefined],
        ["10.300.0.0/16", undefined, undefined],
        ["10.0.0.0/33", undefined, undefined],
        ["10.244.0.0/016", undefined, undefined],
        ["0.0.0.0/0", "0.0.0.0/0", false],
        ["auto", undefined, undefined],
    ];
    for (const [text, canonical, hostBits] of cases) {
        it(`parses ${text}`, () => {
            const cidr = parseCidr(text);
            expect(cidr?.canonical).to.equal(canonical);
            expect(cidr?.hostBitsSet).to.equal(hostBits);
        });
    }

    it("detects overlap only between ranges that share addresses, per family", () => {
        const range = (text: string) => parseRange(text)!;
        expect(rangesOverlap(range("10.96.0.0/12"), range("10.97.0.0/16"))).to.equal(true);
        expect(rangesOverlap(range("10.96.0.0/16"), range("10.97.0.0/16"))).to.equal(false);
        expect(rangesOverlap(range("172.18.255.200-172.18.255.219"), range("172.18.255.219/32"))).to.equal(true);
        expect(rangesOverlap(range("172.18.255.200-172.18.255.219"), range("172.18.255.220/30"))).to.equal(false);
        expect(rangesOverlap(range("10.0.0.0/8"), range("fd00::/8"))).to.equal(false);
    });

    it("rejects reversed and mixed-family ranges", () => {
        expect(parseRange("10.0.0.9-10.0.0.1")).to.equal(undefined);
        expect(parseRange("10.0.0.1-fd00::1")).to.equal(undefined);
        expect(parseRange("10.0.0.1")).to.equal(undefined);
        // Scripts and manifests carry a pool as written: spaces around the dash would split it.
        expect(["10.0.0.1 - 10.0.0.9", " 10.0.0.1-10.0.0.9", "10.0.0.1-10.0.0.9 "].map(parseRange)).to.deep.equal([
            undefined,
            undefined,
            undefined,
        ]);
        expect(parseRange("10.0.0.1-10.0.0.9")).to.deep.equal({ family: "ipv4", first: 167772161n, last: 167772169n });
    });
});

describe("network: block allocator", () => {
    it("hands out aligned blocks in order", () => {
        const result = allocateBlocks("10.64.0.0/10", [
            { label: "a", prefix: 16 },
            { label: "b", prefix: 20 },
            { label: "c", prefix: 16 },
        ]);
        expect(result.ok && result.blocks.map((block) => block.canonical)).to.deep.equal(["10.64.0.0/16", "10.65.0.0/20", "10.66.0.0/16"]);
    });

    it("skips reserved ranges and realigns after them", () => {
        const reserved = [parseCidr("10.64.0.0/17")!, parseRange("10.65.0.10-10.65.0.20")!];
        const result = allocateBlocks(
            "10.64.0.0/10",
            [
                { label: "a", prefix: 16 },
                { label: "b", prefix: 24 },
            ],
            reserved,
        );
        expect(result.ok && result.blocks.map((block) => block.canonical)).to.deep.equal(["10.66.0.0/16", "10.64.128.0/24"]);
    });

    it("keeps earlier blocks when requests are appended", () => {
        const two = allocateBlocks("10.0.0.0/8", [
            { label: "a", prefix: 16 },
            { label: "b", prefix: 16 },
        ]);
        const three = allocateBlocks("10.0.0.0/8", [
            { label: "a", prefix: 16 },
            { label: "b", prefix: 16 },
            { label: "c", prefix: 12 },
        ]);
        expect(two.ok && three.ok && three.blocks.slice(0, 2)).to.deep.equal(two.ok && two.blocks);
    });

    it("names the request that does not fit", () => {
        const result = allocateBlocks("10.0.0.0/23", [
            { label: "a", prefix: 24 },
            { label: "b", prefix: 24 },
            { label: "c", prefix: 24 },
        ]);
        expect(result).to.deep.equal({ ok: false, failedLabel: "c", reason: "no free /24 is left in 10.0.0.0/23" });
    });

    it("refuses an unaligned supernet", () => {
        expect(allocateBlocks("10.1.0.0/8", [{ label: "a", prefix: 16 }]).ok).to.equal(false);
    });
});

describe("network: plan check (used by components directly)", () => {
    const cluster = (name: string, pod: string, service: string, extra: Partial<PlannedCluster> = {}): PlannedCluster => ({
        name: { path: `${name}.name`, value: name },
        podCidrs: [{ path: `${name}.pod`, value: pod }],
        serviceCidrs: [{ path: `${name}.svc`, value: service }],
        nodeAddresses: [],
        loadBalancerPools: [],
        ...extra,
    });

    it("accepts a sound plan", () => {
        expect(
            checkNetworkPlan([cluster("a", "10.1.0.0/16", "10.101.0.0/16"), cluster("b", "10.2.0.0/16", "10.102.0.0/16")], {
                maxMeshId: 255,
            }),
        ).to.deep.equal([]);
    });

    it("reports every problem of a plan at once", () => {
        const found = checkNetworkPlan(
            [
                cluster("a", "10.1.0.0/16", "10.96.0.0/12", { meshId: { path: "a.id", value: 1 } }),
                cluster("b", "10.1.0.0/16", "10.97.0.0/12", {
                    meshId: { path: "b.id", value: 1 },
                    nodeAddresses: [
                        { path: "b.node", value: "10.2.3.4" },
                        { path: "b.dns", value: "node.example" },
                    ],
                    loadBalancerPools: [{ path: "b.pool", value: "10.1.255.0/24" }],
                }),
            ],
            { maxMeshId: 255 },
        );
        expect(found.map((entry) => entry.path)).to.deep.equal(["b.id", "b.svc", "b.pod", "b.pool"]);
    });

    it("suggests a DNS-1123 label", () => {
        expect(suggestLabel("Tanzu_Hispano--DB_")).to.equal("tanzu-hispano--db");
        expect(suggestLabel("___")).to.equal("cluster-a");
    });
});
