import { expect } from "chai";
import { peerClusters, peerUrl, peerValues } from "../../components/cilium/peers";
import { MeshPeer } from "../../components/cilium/types";

/** n peers c1..cn; odd ones are reached by node IPs + NodePort, even ones by a pinned LB IP + 2379. */
function peers(n: number): Pick<MeshPeer, "name" | "endpoint">[] {
    return Array.from({ length: n }, (_, i) => ({
        name: `c${i + 1}`,
        endpoint:
            i % 2 === 0
                ? { ips: [`192.168.${i + 1}.10`, `192.168.${i + 1}.11`], port: 32379 }
                : { ips: [`192.168.${i + 1}.240`], port: 2379 },
    }));
}

describe("cilium mesh peer lists", () => {
    const table: { clusters: number; self: string; expected: Record<string, unknown> }[] = [
        { clusters: 2, self: "c1", expected: { c2: { ips: ["192.168.2.240"], port: 2379 } } },
        { clusters: 2, self: "c2", expected: { c1: { ips: ["192.168.1.10", "192.168.1.11"], port: 32379 } } },
        {
            clusters: 3,
            self: "c2",
            expected: {
                c1: { ips: ["192.168.1.10", "192.168.1.11"], port: 32379 },
                c3: { ips: ["192.168.3.10", "192.168.3.11"], port: 32379 },
            },
        },
        {
            clusters: 5,
            self: "c3",
            expected: {
                c1: { ips: ["192.168.1.10", "192.168.1.11"], port: 32379 },
                c2: { ips: ["192.168.2.240"], port: 2379 },
                c4: { ips: ["192.168.4.240"], port: 2379 },
                c5: { ips: ["192.168.5.10", "192.168.5.11"], port: 32379 },
            },
        },
    ];
    for (const row of table) {
        it(`${row.clusters} clusters: ${row.self} lists exactly its peers`, () => {
            expect(peerClusters(row.self, peers(row.clusters))).to.deep.equal(row.expected);
        });
    }

    for (const n of [2, 3, 5]) {
        it(`${n} clusters: a full mesh, every cluster lists the n-1 others and never itself`, () => {
            const all = peers(n);
            const lists = all.map((peer) => peerClusters(peer.name, all));
            lists.forEach((list, i) => {
                expect(Object.keys(list)).to.have.length(n - 1);
                expect(list).not.to.have.property(all[i].name);
            });
            const links = lists.flatMap((list, i) => Object.keys(list).map((peer) => `${all[i].name}->${peer}`));
            expect(links).to.have.length(n * (n - 1));
            links.forEach((link) => expect(links).to.include(link.split("->").reverse().join("->")));
        });
    }

    it("lists peers in name order whatever the input order, so values do not churn", () => {
        const shuffled = [...peers(5)].reverse();
        expect(Object.keys(peerClusters("c1", shuffled))).to.deep.equal(["c2", "c3", "c4", "c5"]);
    });

    it("uses a DNS address only when no IP is pinned", () => {
        expect(peerValues({ address: "dev-west-control-plane", port: 32379 })).to.deep.equal({
            address: "dev-west-control-plane",
            port: 32379,
        });
        expect(peerValues({ ips: ["10.0.0.1"], address: "ignored", port: 2379 })).to.deep.equal({ ips: ["10.0.0.1"], port: 2379 });
        expect(peerUrl("c1", { ips: ["10.0.0.1"], port: 2379 })).to.equal("https://c1.mesh.cilium.io:2379");
        expect(peerUrl("c1", { address: "c1-control-plane", port: 32379 })).to.equal("https://c1-control-plane:32379");
    });
});
