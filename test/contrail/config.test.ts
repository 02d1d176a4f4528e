import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { validateContrail } from "../../components/contrail/validate";
import { ConfigValidationError } from "../../components/shared/validation";
import { renderTopology } from "../../stacks/topology";
import { expectGolden } from "../golden";
import { contrailLabValues, contrailValues, kubeadmCluster, parseContrail } from "./fixtures";

/** The problem sentences of a config (empty when it is valid). */
function problems(values: Record<string, unknown>, secretKeys?: string[]): string[] {
    try {
        parseContrail(values, secretKeys);
        return [];
    } catch (error) {
        if (error instanceof ConfigValidationError) {
            return error.issues.map((found) => found.message);
        }
        throw error;
    }
}

/** contrail-lab with an edit. */
const lab = (edit: (values: Record<string, any>) => void): Record<string, unknown> => {
    const values = contrailLabValues() as Record<string, any>;
    edit(values);
    return values;
};

/** One rule each; dual-stack rows on the seed's ranges. */
const rows: { name: string; values: Record<string, unknown>; secretKeys?: string[]; expected: string[] }[] = [
    {
        name: "no registry credentials",
        values: contrailLabValues(),
        secretKeys: [],
        expected: [
            "contrailRegistryAuth is missing but mesh.kind \"contrail\" needs it; fix: set the enterprise-hub.juniper.net credentials (the CN2 images are behind a login) with `pulumi config set --secret contrailRegistryAuth '<username>:<password>'` (or a whole docker config JSON).",
        ],
    },
    {
        name: "registry credentials in plain text",
        values: { ...contrailLabValues(), contrailRegistryAuth: "alice:s3cret" },
        secretKeys: [],
        expected: [
            "contrailRegistryAuth = [not shown] is stored in plain text in the stack file; fix: set it with `pulumi config set --secret contrailRegistryAuth < file` (or type it after `pulumi config set --secret contrailRegistryAuth`).",
        ],
    },
    {
        name: "distributed IPv6 pod range overlaps the central one",
        values: lab((v) => {
            v.clusters[1].podCidrV6 = "fd85:ee78:d8a6:8607::1:8000/113";
        }),
        expected: [
            'clusters[1].podCidrV6 = "fd85:ee78:d8a6:8607::1:8000/113" overlaps clusters[0].podCidrV6 "fd85:ee78:d8a6:8607::1:0/112" (fd85:ee78:d8a6:8607::1:0-fd85:ee78:d8a6:8607::1:ffff); fix: give every pod and service range of every cluster its own block, or set it to "auto".',
        ],
    },
    {
        name: "IPv4 range in the IPv6 service key",
        values: lab((v) => {
            v.clusters[1].serviceCidrV6 = "10.235.0.0/17";
        }),
        expected: [
            'clusters[1].serviceCidrV6 = "10.235.0.0/17" is an IPv4 range in an IPv6 key; fix: give an IPv6 range here (e.g. "fd00:10:244::/56"), and the IPv4 range in podCidr/serviceCidr.',
        ],
    },
    {
        name: "IPv6 pod range without an IPv6 service range",
        values: lab((v) => {
            delete v.clusters[1].serviceCidrV6;
        }),
        expected: [
            "clusters[1].serviceCidrV6 is missing but a dual-stack cluster needs both an IPv6 pod and an IPv6 service range; fix: set clusters[1].podCidrV6 and clusters[1].serviceCidrV6 together, or neither.",
        ],
    },
    {
        name: "IPv6 range with host bits",
        values: lab((v) => {
            v.clusters[1].podCidrV6 = "fd85:ee78:d8a6:8607::3:1/112";
        }),
        expected: [
            'clusters[1].podCidrV6 = "fd85:ee78:d8a6:8607::3:1/112" has host bits set, so it really means fd85:ee78:d8a6:8607::3:0/112; fix: write "fd85:ee78:d8a6:8607::3:0/112" if that is meant, or choose a block aligned to /112 that no other range uses.',
        ],
    },
    {
        name: "a kind cluster",
        values: {
            ...contrailValues([1]),
            clusters: [
                kubeadmCluster(1),
                { name: "c2", id: 2, provisioner: "kind", podCidr: "10.102.0.0/16", serviceCidr: "10.202.0.0/20" },
            ],
        },
        expected: [
            'clusters[1].provisioner = "kind" cannot host the CN2 vRouter (a kernel module that takes over the node\'s networking); fix: use provisioner "kubeadm" on VMs for every cluster of a contrail stack.',
        ],
    },
    {
        name: "a node name used in two clusters",
        values: lab((v) => {
            v.clusters[1].workers[0].name = "cluster1-worker-1";
        }),
        expected: [
            'clusters[1].workers[0].name = "cluster1-worker-1" is also the node name at clusters[0].workers[0].name; fix: give every node of every cluster its own name.',
        ],
    },
    {
        name: "only the central cluster",
        values: contrailValues([1]),
        expected: [
            'mesh.kind = "contrail" connects 1 cluster, and a mesh needs at least 2; fix: add a cluster, or set mesh.kind: "none" until there is a second one.',
        ],
    },
    {
        name: "overrides for the central and an unknown cluster",
        values: contrailValues([1, 2], { distributed: { c1: { listenerPort: 20000 }, c9: {} } }),
        expected: [
            'mesh.distributed.c9 = "c9" is not the name of a cluster in this stack; fix: use one of "c1", "c2".',
            'mesh.distributed.c1 = {"listenerPort":20000} configures the central cluster as a distributed one; fix: remove it: the central cluster runs its own Kubemanager.',
        ],
    },
    {
        name: "an override that collides with another cluster's number",
        values: contrailValues([1, 2, 3], { distributed: { c3: { listenerPort: 19446 } } }),
        expected: [
            "mesh.distributed.c3.listenerPort = 19446 is also the listenerPort of c2's Kubemanager (mesh.distributed.c2); fix: give every distributed cluster its own listenerPort (set it explicitly, or change the cluster's slot).",
        ],
    },
    {
        name: "a distributed name too long for its mirror namespaces",
        values: lab((v) => {
            v.clusters[1].name = "cluster2-datacenter-east";
        }),
        expected: [
            'clusters[1].name = "cluster2-datacenter-east" is longer than 15 characters, so the central cluster\'s mirror namespaces (e.g. kubemanager-cluster2-datacenter-east-cluster2-datacenter-east-contrail-analytics) would exceed 63; fix: rename the cluster to at most 15 characters.',
        ],
    },
    {
        // N4: 16 characters fit kube-node-lease's mirror (63) but not contrail-analytics' (65).
        name: "a distributed name too long for the mirror of contrail-analytics (N4)",
        values: lab((v) => {
            v.clusters[1].name = "cluster2-edge-01";
        }),
        expected: [
            'clusters[1].name = "cluster2-edge-01" is longer than 15 characters, so the central cluster\'s mirror namespaces (e.g. kubemanager-cluster2-edge-01-cluster2-edge-01-contrail-analytics) would exceed 63; fix: rename the cluster to at most 15 characters.',
        ],
    },
    {
        name: "a registry mirror that is a Docker Hub account",
        values: lab((v) => {
            v.mesh.registry = "myaccount/cn2";
        }),
        expected: [
            'mesh.registry = "myaccount/cn2" starts with myaccount, which an image reference reads as a Docker Hub account, not a registry host; fix: write host[:port]/path, e.g. registry.example.com:5000/cn2 (no scheme, no trailing slash).',
        ],
    },
    {
        name: "a registry mirror with credentials, named first and never shown",
        values: lab((v) => {
            v.mesh.registry = "user:pw@reg.example.com/cn2";
        }),
        expected: [
            'mesh.registry = "[not shown]@reg.example.com/cn2" carries credentials (user:password@), which would be stored and printed in clear; fix: remove user:password@ and give the credentials as a secret setting.',
        ],
    },
    {
        name: "a wildcard kernel (the mesh's schema refuses it; the contrail rules wait until the mesh parses)",
        values: lab((v) => {
            v.mesh.allowUnsupportedKernels = ["5.15.0-91-generic", "6.8.0-49-generic", "6.8.0-49-generic", "6.8.*"];
        }),
        expected: [
            'mesh.allowUnsupportedKernels[3] = "6.8.*" is not a kernel release as uname -r prints it; fix: write it exactly, e.g. "6.8.0-49-generic" (no wildcards).',
        ],
    },
    {
        name: "a kernel accepted although the release supports it, and one listed twice",
        values: lab((v) => {
            v.mesh.allowUnsupportedKernels = ["5.15.0-91-generic", "6.8.0-49-generic", "6.8.0-49-generic"];
        }),
        expected: [
            'mesh.allowUnsupportedKernels[0] = "5.15.0-91-generic" is a kernel CN2 23.4\'s vRouter is built for (Juniper/contrail-networking@2a86f70 releases/23.4/kernels/supported-kernels.json), so accepting it changes nothing; fix: remove it.',
            'mesh.allowUnsupportedKernels[2] = "6.8.0-49-generic" is listed twice; fix: list each kernel once.',
        ],
    },
    {
        name: "an unknown release",
        values: lab((v) => {
            v.versions = { contrail: "24.1" };
        }),
        expected: ['versions.contrail = "24.1" is not a CN2 release whose public manifests this project pins; fix: use one of "23.4".'],
    },
    {
        name: "a CNI beside Contrail",
        values: lab((v) => {
            v.cni = { kind: "cilium" };
        }),
        expected: [
            'mesh.kind = "contrail" needs cni.kind "none" but cni.kind is "cilium"; fix: set cni.kind to "none" or choose another mesh.',
        ],
    },
];

describe("contrail stack config", () => {
    it("accepts Pulumi.contrail-lab.yaml: seed 002's dual-stack ranges, central cluster1, distributed cluster2", () => {
        const config = parseContrail(contrailLabValues());
        expect(config.clusters.map((cluster) => [cluster.name, cluster.podCidrs, cluster.serviceCidrs])).to.deep.equal([
            ["cluster1", ["10.233.128.0/17", "fd85:ee78:d8a6:8607::1:0/112"], ["10.233.0.0/17", "fd85:ee78:d8a6:8607::1000/116"]],
            ["cluster2", ["10.234.128.0/17", "fd85:ee78:d8a6:8607::3:0000/112"], ["10.234.0.0/17", "fd85:ee78:d8a6:8607::2:1000/116"]],
        ]);
        expectGolden("contrail/topology-contrail-lab.md", renderTopology(config));
    });

    it("accepts IPv4-only contrail stacks (IPv6 is optional)", () => {
        const values = contrailValues([1, 2]);
        (values.clusters as Record<string, unknown>[]).forEach((cluster) => {
            delete cluster.podCidrV6;
            delete cluster.serviceCidrV6;
        });
        expect(problems(values)).to.deep.equal([]);
    });

    for (const row of rows) {
        it(`rejects: ${row.name}`, () => {
            expect(problems(row.values, row.secretKeys)).to.deep.equal(row.expected);
        });
    }

    it("quotes a key outside [A-Za-z0-9_-] in its key path, so every bullet stays parseable", () => {
        const values = contrailValues([1, 2], { distributed: { "bad key!": {} } });
        const found = problems({ ...values, mesh: { ...(values.mesh as object), central: "bad key!" } });
        expect(found).to.include(
            'mesh.distributed["bad key!"] = {} configures the central cluster as a distributed one; fix: remove it: the central cluster runs its own Kubemanager.',
        );
        expect(
            found.filter(
                (sentence) => sentence.startsWith("mesh.distributed.bad key!") && sentence.includes("central cluster as a distributed"),
            ),
        ).to.deep.equal([]);
    });

    it("accepts the demo switch and kernels accepted on purpose", () => {
        const config = parseContrail(
            lab((v) => {
                v.mesh.demo = true;
                v.mesh.allowUnsupportedKernels = ["6.8.0-49-generic"];
            }),
        );
        expect(config.mesh).to.deep.include({ demo: true, allowUnsupportedKernels: ["6.8.0-49-generic"] });
    });

    it("refuses registry credentials in the guide's base64 form at validation (R5), never showing them", () => {
        const blob = Buffer.from(
            JSON.stringify({ auths: { "enterprise-hub.juniper.net": { auth: Buffer.from("alice:s3cret").toString("base64") } } }),
        ).toString("base64");
        const key = "multicluster:contrailRegistryAuth";
        try {
            pulumi.runtime.setAllConfig({ [key]: blob }, [key]);
            const found = problems(contrailLabValues());
            expect(found).to.deep.equal([
                "contrailRegistryAuth = [not shown] is base64 text of a docker config (what the guide puts in .dockerconfigjson), not the config itself; fix: paste the decoded JSON (base64 -d), or <username>:<password>.",
            ]);
            pulumi.runtime.setAllConfig({ [key]: "alice:s3cret" }, [key]);
            expect(problems(contrailLabValues())).to.deep.equal([]);
        } finally {
            pulumi.runtime.setAllConfig({}, []);
        }
    });

    it("refuses clusters without an id in a contrail stack (Kubemanager numbers derive from it), naming the ID each has now", () => {
        expect(problems(contrailValues([1, 2]))).to.deep.equal([]);
        const values = contrailValues([1, 2]);
        (values.clusters as Record<string, unknown>[]).forEach((cluster) => delete cluster.id);
        expect(problems(values)).to.deep.equal(
            [1, 2].map(
                (id) =>
                    `clusters[${id - 1}].id is missing but a contrail mesh derives each Kubemanager's ` +
                    "listenerPort and route target from the cluster ID, and the ID this cluster gets from its place in the list " +
                    `(${id}) changes when a cluster is inserted or removed before it; fix: set id: ${id} on cluster c${id} to keep the ID it has today.`,
            ),
        );
    });

    it("checks the same rules in the component for library users (subnets, names, numbers, release)", () => {
        const facts = (path: string, name: string, pod: string, service: string) => ({
            path,
            name,
            podCidrs: [pod],
            serviceCidrs: [service],
        });
        const found = validateContrail({
            central: facts("central", "c1", "10.1.0.0/16", "10.201.0.0/20"),
            distributed: [
                {
                    ...facts("distributed[0].cluster", "c1", "10.2.0.0/16", "10.202.0.0/20"),
                    allocation: { cluster: "c1", path: "distributed[0]" },
                },
                {
                    ...facts("distributed[1].cluster", "c3", "10.1.128.0/17", "fd00::/120"),
                    allocation: { cluster: "c3", path: "distributed[1]", listenerPort: 19446 },
                },
            ],
            version: "22.1",
        }).map((entry) => entry.message);
        expect(found).to.deep.equal([
            'version = "22.1" is not a CN2 release whose public manifests this project pins; fix: use one of "23.4".',
            'distributed[0].cluster = "c1" is the same cluster as central; fix: list each cluster once, and the central cluster only as central.',
            'distributed[1].cluster.network.podCidrs = "10.1.128.0/17" overlaps central.network.podCidrs "10.1.0.0/16" (cluster c1); fix: give every cluster its own pod and service subnets, in both families.',
            'distributed[1].cluster.network.serviceCidrs = ["fd00::/120"] has no IPv4 range, and a Kubemanager needs one; fix: give cluster c3 an IPv4 service CIDR.',
            "distributed[1].listenerPort = 19446 is also the listenerPort of c1's Kubemanager (distributed[0]); fix: give every distributed cluster its own listenerPort (set it explicitly, or change the cluster's slot).",
        ]);
    });
});
