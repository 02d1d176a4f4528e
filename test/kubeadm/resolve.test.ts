import { expect } from "chai";
import { PlainKubeadmClusterArgs } from "../../components/kubeadm/types";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { kubeadmClusterWarnings } from "../../components/kubeadm/validate";
import { ConfigValidationError } from "../../components/shared/validation";
import { HIGHLY_AVAILABLE, SMALL } from "../fixtures/kubeadm-clusters";

/** A real ed25519 host key line. */
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRVc6HUpbHDvWH2G8SwrxRS6clTSohQo+JVfewpAGHE";

const base: PlainKubeadmClusterArgs = { controlPlanes: [{ host: "10.0.0.10" }], podCidr: "10.240.0.0/16", serviceCidr: "10.96.0.0/16" };

/** The validation messages for `args` (one sentence each), or [] when valid. */
function problems(args: Partial<PlainKubeadmClusterArgs>, name = "alpha"): string[] {
    try {
        resolveKubeadmCluster(name, { ...base, ...args });
        return [];
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigValidationError);
        return (error as ConfigValidationError).issues.map((entry) => entry.message);
    }
}

describe("resolveKubeadmCluster", () => {
    it("fills in names, keys, the endpoint, SSH defaults and the pinned versions", () => {
        const cluster = resolveKubeadmCluster("alpha", SMALL);
        expect(cluster.controlPlanes.map((node) => [node.key, node.name, node.address])).to.deep.equal([
            ["cp-1", "alpha-cp-1", "10.0.0.10"],
        ]);
        expect(cluster.workers.map((node) => [node.key, node.name, node.host, node.address])).to.deep.equal([
            ["worker-1", "alpha-worker-1", "10.0.0.21", "10.0.0.21"],
            ["w2", "alpha-w2", "worker-2.lab.internal", "10.0.0.22"],
        ]);
        expect(cluster.controlPlaneEndpoint).to.equal("10.0.0.10:6443");
        expect(cluster.ssh).to.deep.equal({ user: "ubuntu", port: 22 });
        expect(cluster.kubernetesVersion).to.equal("1.36.1");
        expect(cluster.containerd).to.deep.equal({ kind: "docker", line: "2.2" });
        expect(cluster.skipKubeProxy).to.equal(false);
    });

    it("gives the bastion the nodes' user unless it has its own", () => {
        expect(resolveKubeadmCluster("beta", HIGHLY_AVAILABLE).ssh).to.deep.equal({
            user: "root",
            port: 2222,
            bastion: { host: "bastion.example.com", port: 22, user: "root" },
        });
    });

    it("brackets an IPv6 first control plane in the default endpoint", () => {
        expect(
            resolveKubeadmCluster("v6", { ...base, controlPlanes: [{ host: "fd00::10" }], podCidr: "fd01::/56", serviceCidr: "fd02::/108" })
                .controlPlaneEndpoint,
        ).to.equal("[fd00::10]:6443");
    });

    const cases: [string, Partial<PlainKubeadmClusterArgs>, string[]][] = [
        [
            "two control planes (no etcd quorum)",
            { controlPlanes: [{ host: "10.0.0.10" }, { host: "10.0.0.11" }], controlPlaneEndpoint: "10.0.0.100:6443" },
            [
                'controlPlanes = ["10.0.0.10","10.0.0.11"] has 2 hosts, and etcd needs 1 or at least 3 members for quorum; fix: use 1 control plane, or 3 or more.',
            ],
        ],
        [
            "HA without a shared endpoint",
            { controlPlanes: [{ host: "10.0.0.10" }, { host: "10.0.0.11" }, { host: "10.0.0.12" }] },
            [
                'controlPlaneEndpoint is missing but several control planes need a shared endpoint (a VIP or load balancer); fix: set controlPlaneEndpoint to "<vip>:6443".',
            ],
        ],
        [
            "a DNS host without the node IP",
            { controlPlanes: [{ host: "cp.example.com" }] },
            [
                "controlPlanes[0].host = \"cp.example.com\" is not an IP address, and kubeadm needs the node's IP; fix: set controlPlanes[0].address to the node's IP (host may stay a DNS name for SSH).",
            ],
        ],
        [
            "a label the kubelet may not set",
            { workers: [{ host: "10.0.0.20", labels: { "node-role.kubernetes.io/worker": "" } }] },
            [
                'workers[0].labels["node-role.kubernetes.io/worker"] = "" cannot be set by the kubelet at registration (NodeRestriction forbids kubernetes.io and k8s.io labels); fix: use a label in your own namespace, e.g. node-role.example.com/worker.',
            ],
        ],
        [
            "a label key with a space and a '!'",
            { workers: [{ host: "10.0.0.20", labels: { "bad key!": "x", tier: "a b" } }] },
            [
                "workers[0].labels[\"bad key!\"] = \"x\" is not a valid Kubernetes label; fix: use a key like example.com/role and a value of at most 63 letters, digits, '-', '_' or '.'.",
                "workers[0].labels.tier = \"a b\" is not a valid Kubernetes label; fix: use a key like example.com/role and a value of at most 63 letters, digits, '-', '_' or '.'.",
            ],
        ],
        [
            "two nodes with one name",
            {
                workers: [
                    { host: "10.0.0.20", name: "n1" },
                    { host: "10.0.0.21", name: "n1" },
                ],
            },
            ['workers[1].name = "n1" repeats the node name of workers[0]; fix: give every node its own name and address.'],
        ],
        [
            "names that differ only by the cluster prefix",
            {
                workers: [
                    { host: "10.0.0.20", name: "w" },
                    { host: "10.0.0.21", name: "alpha-w" },
                ],
            },
            [
                'workers[1].name = "w" repeats the resource name (the node name without the cluster prefix) of workers[0]; fix: give every node its own name and address.',
            ],
        ],
        [
            "overlapping pod and service ranges",
            { serviceCidr: "10.240.128.0/20" },
            ['serviceCidr = "10.240.128.0/20" overlaps podCidr 10.240.0.0/16; fix: give pods and services disjoint ranges.'],
        ],
        [
            "a release without kubeadm v1beta4",
            { kubernetesVersion: "1.30.2" },
            [
                'kubernetesVersion = "1.30.2" is older than 1.31.0, the first release whose kubeadm reads kubeadm.k8s.io/v1beta4; fix: use 1.31.0 or later, e.g. 1.36.1.',
            ],
        ],
        [
            "an unknown containerd source",
            { containerdVersion: "latest" },
            [
                'containerdVersion = "latest" is neither a containerd.io version line like "2.2" nor "distribution"; fix: use e.g. "2.2" (Docker\'s containerd.io 2.2.x).',
            ],
        ],
        ["an SSH port out of range", { ssh: { port: 0 } }, ["ssh.port = 0 is not a TCP port; fix: use a number from 1 to 65535."]],
        [
            "a host written as a URL",
            { controlPlanes: [{ host: "ssh://10.0.0.10" }] },
            [
                'controlPlanes[0].host = "ssh://10.0.0.10" is a URL, but a host is only a name or an IP; fix: write the host alone, e.g. "172.26.0.141", and put the user and port in ssh.user and ssh.port.',
            ],
        ],
        [
            "an IPv6 endpoint without brackets, with the bracketed form to write",
            { controlPlaneEndpoint: "fd00::1:6443" },
            [
                'controlPlaneEndpoint = "fd00::1:6443" is an IPv6 address without brackets, so no port can be told apart from it; fix: write the address in brackets, then the port: "[fd00::1]:6443".',
            ],
        ],
        [
            "an endpoint port out of range",
            { controlPlaneEndpoint: "10.0.0.100:99999" },
            [
                'controlPlaneEndpoint = "10.0.0.100:99999" has port 99999, which is not a TCP port (1-65535); fix: use the API server\'s port, usually 6443.',
            ],
        ],
        [
            "node addresses no other machine reaches",
            { workers: ["0.0.0.0", "127.0.0.1", "255.255.255.255", "239.1.2.3", "169.254.0.9"].map((host) => ({ host })) },
            ["the unspecified address", "a loopback address", "the broadcast address", "a multicast address", "a link-local address"].map(
                (what, i) =>
                    `workers[${i}].host = "${["0.0.0.0", "127.0.0.1", "255.255.255.255", "239.1.2.3", "169.254.0.9"][i]}" is ${what}, which no other machine can reach as this node; fix: use the node's own unicast IP on the network the nodes share.`,
            ),
        ],
        [
            "an SSH user with shell characters",
            { ssh: { user: "ubuntu;id" } },
            [
                "ssh.user = \"ubuntu;id\" is not a login name (letters, digits, '_', '.' and '-', at most 32, starting with a letter or '_'); fix: use the account name alone, e.g. \"ubuntu\".",
            ],
        ],
        [
            "a host key with something after it",
            { controlPlanes: [{ host: "10.0.0.10", hostKey: `${HOST_KEY}\nssh-rsa AAAA` }] },
            [
                'controlPlanes[0].hostKey = [not shown] is not a single authorized_keys line (<type> <base64 key> [comment]); fix: paste the line `ssh-keyscan -t ed25519 <host>` prints, without the host name: "ssh-ed25519 AAAA...".',
            ],
        ],
        [
            "an IPv6 node address on an IPv4 cluster",
            { workers: [{ host: "10.0.0.20", addressV6: "fd00::20" }] },
            [
                'workers[0].addressV6 = "fd00::20" is an IPv6 node address on an IPv4-only cluster; fix: set podCidrV6 and serviceCidrV6 to make the cluster dual-stack, or leave it out.',
            ],
        ],
        [
            "a /32 pod range",
            { podCidr: "10.240.0.0/32" },
            [
                'podCidr = "10.240.0.0/32" is a /32, but a pod range must be /8 to /24 (IPv4): every node gets its own block of it, and kube-controller-manager allows at most 2^16 of them; fix: use a /8 to /24 range, e.g. "10.244.0.0/16".',
            ],
        ],
        [
            "containerd 1.x for Kubernetes 1.36",
            { containerdVersion: "1.7" },
            [
                'containerdVersion = "1.7" cannot run Kubernetes 1.36.1, which needs containerd 2.0 or later; fix: use "2.2" (Docker\'s containerd.io 2.2.x).',
            ],
        ],
        [
            "an API URL with a bad port",
            { apiServerUrl: "https://127.0.0.1:99999" },
            [
                'apiServerUrl = "https://127.0.0.1:99999" is not an https URL of a host (and port); fix: write it as e.g. "https://127.0.0.1:16443" or "https://api.example.com:6443".',
            ],
        ],
        [
            "node preflight checks with a bad name, a repeated name and an empty script",
            {
                nodePreflight: [
                    { name: "cn2 kernel", script: "true" },
                    { name: "os", script: "true" },
                    { name: "os", script: "  \n" },
                ],
            },
            [
                'nodePreflight[0].name = "cn2 kernel" is not a short check name (letters, digits and \'-\', at most 63); fix: use a name like "cn2-kernel".',
                'nodePreflight[2].name = "os" names another check too; fix: give every node preflight check its own name.',
                'nodePreflight[2].script = "os" is empty or contains the line KUBEADM_CLUSTER_STEP, which ends the remote script early; fix: give bash lines that exit non-zero with one sentence on stderr when the node does not qualify.',
            ],
        ],
    ];
    for (const [title, args, expected] of cases) {
        it(`rejects ${title}`, () => expect(problems(args)).to.deep.equal(expected));
    }

    it("reports every problem at once, before anything is declared", () => {
        const found = problems({ controlPlanes: [], podCidr: "10.240.0.1/16", containerdVersion: "x" }, "Alpha_1");
        expect(found).to.have.length(4);
        expect(found[0]).to.match(/^name = "Alpha_1" is not a DNS-1123 label/);
    });

    it("accepts a pinned host key with a comment, a bastion with its own key, and a dual-stack node", () => {
        expect(
            problems({
                controlPlanes: [{ host: "10.0.0.10", hostKey: `${HOST_KEY} root@cp-1`, addressV6: "fd00::10" }],
                podCidrV6: "fd01::/56",
                serviceCidrV6: "fd02::/112",
                ssh: { bastion: { host: "bastion.lab", hostKey: HOST_KEY } },
            }),
        ).to.deep.equal([]);
    });

    it("warns about every node of a dual-stack cluster without addressV6 (its kubelet would register the IPv4 address only)", () => {
        const dual: PlainKubeadmClusterArgs = {
            ...base,
            podCidrV6: "fd01::/56",
            serviceCidrV6: "fd02::/112",
            controlPlanes: [{ host: "10.0.0.10", addressV6: "fd00::10" }],
            workers: [{ host: "w1.lab", address: "10.0.0.21" }],
        };
        expect(kubeadmClusterWarnings(dual).map((entry) => entry.message)).to.deep.equal([
            "workers[0].addressV6 is missing on a dual-stack cluster, so the kubelet registers the node with 10.0.0.21 only (--node-ip): " +
                "the Node, its host-network pods and kube-proxy's IPv6 NodePorts get no IPv6 address; fix: set workers[0].addressV6 to the node's IPv6 address.",
        ]);
        expect(kubeadmClusterWarnings(base)).to.deep.equal([]);
    });

    it("accepts the labels a kubelet may set on itself", () => {
        expect(
            problems({
                workers: [
                    {
                        host: "10.0.0.20",
                        labels: { "node.kubernetes.io/pool": "a", "topology.kubernetes.io/zone": "z1", "example.com/x": "y" },
                    },
                ],
            }),
        ).to.deep.equal([]);
    });
});
