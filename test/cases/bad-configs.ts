// Bad stack configs, one rule each (plus one with many problems), used by the validation table test.

/** One kind cluster with valid ranges, to build variations on. */
export const kindA = { name: "east", id: 1, provisioner: "kind", podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16" };
/** A second valid kind cluster. */
export const kindB = { name: "west", id: 2, provisioner: "kind", podCidr: "10.245.0.0/16", serviceCidr: "10.97.0.0/16" };
/** A valid single-control-plane kubeadm cluster. */
export const kubeadmA = {
    name: "k8s-01",
    id: 1,
    provisioner: "kubeadm",
    podCidr: "10.1.0.0/16",
    serviceCidr: "10.101.0.0/16",
    controlPlanes: [{ host: "172.26.0.141" }],
    workers: [{ host: "172.26.0.142" }],
};

/** A named bad config and the values of its namespace. */
export interface BadConfig {
    /** What rule the case breaks. */
    readonly name: string;
    /** Config values by short key. */
    readonly values: Record<string, unknown>;
    /** Short keys set as secrets. */
    readonly secretKeys?: string[];
    /** Full keys of other namespaces the stack file also sets. */
    readonly foreignKeys?: string[];
}

/** A second kubeadm cluster, valid on its own. */
export const kubeadmB = {
    name: "k8s-02",
    id: 2,
    provisioner: "kubeadm",
    podCidr: "10.2.0.0/16",
    serviceCidr: "10.102.0.0/16",
    controlPlanes: [{ host: "172.26.0.151" }],
    workers: [{ host: "172.26.0.152" }],
};

/**
 * An OpenSSH private key as a careless user pastes it: it must never appear in a message. A throwaway fixture:
 * its body is only the format's public header (`openssh-key-v1`, cipher none, one key, `ssh-e…`), no key material.
 */
export const PRIVATE_KEY =
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n";

/** A well-formed ed25519 host key line. */
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRVc6HUpbHDvWH2G8SwrxRS6clTSohQo+JVfewpAGHE";

/** The table: every case breaks one rule. */
export const badConfigs: BadConfig[] = [
    { name: "no clusters", values: { clusters: [] } },
    { name: "clusters missing", values: { cni: { kind: "none" } } },
    { name: "unknown config key", values: { clusters: [kindA], cluster: [] } },
    { name: "unknown cluster setting", values: { clusters: [{ ...kindA, podCIDR: "10.1.0.0/16" }] } },
    { name: "unknown provisioner", values: { clusters: [{ ...kindA, provisioner: "vagrant" }] } },
    { name: "name not DNS-1123", values: { clusters: [{ ...kindA, name: "East_1" }] } },
    { name: "duplicate names", values: { clusters: [kindA, { ...kindB, name: "east" }] } },
    { name: "not a CIDR", values: { clusters: [{ ...kindA, podCidr: "10.244.0.0" }] } },
    {
        name: "host bits set (seed 003's 10.97.0.0/12)",
        values: {
            clusters: [
                { ...kindA, serviceCidr: "10.96.0.0/12" },
                { ...kindB, serviceCidr: "10.97.0.0/12" },
            ],
        },
    },
    { name: "pod CIDRs overlap between clusters", values: { clusters: [kindA, { ...kindB, podCidr: "10.244.128.0/17" }] } },
    { name: "pod and service CIDR overlap within a cluster", values: { clusters: [{ ...kindA, serviceCidr: "10.244.64.0/18" }] } },
    { name: "node IP inside a pod range", values: { clusters: [{ ...kubeadmA, podCidr: "172.26.0.0/16" }] } },
    {
        name: "duplicate mesh IDs",
        values: {
            clusters: [
                { ...kindA, id: 7 },
                { ...kindB, id: 7 },
            ],
        },
    },
    { name: "mesh ID out of range", values: { clusters: [{ ...kindA, id: 256 }] } },
    {
        name: "LoadBalancer pools overlap across clusters",
        values: {
            clusters: [
                { ...kindA, loadBalancerPools: ["172.18.255.200-172.18.255.219"] },
                { ...kindB, loadBalancerPools: ["172.18.255.216/29"] },
            ],
        },
    },
    { name: "LoadBalancer pool not a range", values: { clusters: [{ ...kindA, loadBalancerPools: ["172.18.255.200-172.18.255.100"] }] } },
    {
        name: "two control planes",
        values: { clusters: [{ ...kubeadmA, controlPlanes: [{ host: "172.26.0.141" }, { host: "172.26.0.143" }] }] },
    },
    { name: "node without an IP", values: { clusters: [{ ...kubeadmA, workers: [{ host: "worker-1.lab" }] }] } },
    { name: "mesh needs another CNI", values: { clusters: [kindA, kindB], cni: { kind: "antrea" }, mesh: { kind: "cilium-clustermesh" } } },
    {
        name: "mesh names an unknown cluster",
        values: {
            clusters: [kindA, kindB],
            cni: { kind: "antrea" },
            mesh: { kind: "antrea-multicluster", clusterSetId: "cs1", leader: "north" },
        },
    },
    {
        name: "pinned clustermesh IP outside the pools",
        values: {
            clusters: [
                { ...kindA, loadBalancerPools: ["172.18.255.200/29"] },
                { ...kindB, loadBalancerPools: ["172.18.255.208/29"] },
            ],
            cni: { kind: "cilium" },
            mesh: {
                kind: "cilium-clustermesh",
                exposure: "LoadBalancer",
                apiServerIps: { east: "172.18.255.240", west: "172.18.255.210" },
            },
        },
    },
    { name: "version with a leading v", values: { clusters: [kindA], versions: { kubernetes: "v1.36.1" } } },
    { name: "SSH key in plain text", values: { clusters: [kubeadmA], sshPrivateKey: "-----BEGIN OPENSSH PRIVATE KEY----- (test)" } },
    {
        name: "auto range does not fit",
        values: { clusters: [{ name: "a", provisioner: "kind" }], network: { supernet: "10.0.0.0/24", podPrefix: 16 } },
    },
    {
        name: "node name not a DNS-1123 subdomain",
        values: { clusters: [{ ...kubeadmA, workers: [{ host: "172.26.0.142", name: "Worker_1" }] }] },
    },
    { name: "control-plane endpoint not host:port", values: { clusters: [{ ...kubeadmA, controlPlaneEndpoint: "https://172.26.0.100" }] } },
    { name: "two nodes with one address", values: { clusters: [{ ...kubeadmA, workers: [{ host: "172.26.0.141" }] }] } },
    { name: "LoadBalancer pool inside a service range", values: { clusters: [{ ...kindA, loadBalancerPools: ["10.96.255.0/28"] }] } },
    { name: "kind image not pinned by digest", values: { clusters: [kindA], versions: { kindNodeImage: "kindest/node:v1.36.1" } } },
    {
        name: "Cilium cluster name too long",
        values: {
            clusters: [{ ...kindA, name: "east-cluster-with-a-very-long-name-x" }, kindB],
            cni: { kind: "cilium" },
            mesh: { kind: "cilium-clustermesh" },
        },
    },
    {
        name: "Cilium LoadBalancer exposure without a pinned IP",
        values: {
            clusters: [
                { ...kindA, loadBalancerPools: ["172.18.255.200/29"] },
                { ...kindB, loadBalancerPools: ["172.18.255.208/29"] },
            ],
            cni: { kind: "cilium" },
            mesh: { kind: "cilium-clustermesh", exposure: "LoadBalancer", apiServerIps: { west: "172.18.255.210" } },
        },
    },
    {
        name: "L2 announcements without kube-proxy replacement",
        values: { clusters: [kindA], cni: { kind: "cilium", l2Announcements: true } },
    },
    {
        name: "kube-proxy skipped without a replacement",
        values: { clusters: [{ ...kindA, skipKubeProxy: true }], cni: { kind: "cilium" } },
    },
    {
        name: "Antrea member and gateway of unknown clusters",
        values: {
            clusters: [kindA, kindB],
            cni: { kind: "antrea" },
            mesh: {
                kind: "antrea-multicluster",
                clusterSetId: "cs1",
                leader: "east",
                members: ["east", "south"],
                gatewayNodes: { north: "node-1" },
            },
        },
    },
    {
        name: "Linkerd link to itself and to an unknown cluster",
        values: {
            clusters: [kindA, kindB],
            mesh: {
                kind: "linkerd",
                links: [
                    { from: "east", to: "east" },
                    { from: "west", to: "north" },
                ],
            },
        },
    },
    {
        name: "Contrail central is not a cluster",
        values: {
            clusters: [
                kubeadmA,
                {
                    ...kubeadmA,
                    name: "k8s-02",
                    id: 2,
                    podCidr: "10.2.0.0/16",
                    serviceCidr: "10.102.0.0/16",
                    controlPlanes: [{ host: "172.26.0.151" }],
                    workers: [],
                },
            ],
            mesh: { kind: "contrail", central: "central" },
        },
        secretKeys: ["contrailRegistryAuth"],
    },
    { name: "one-cluster mesh", values: { clusters: [kindA], cni: { kind: "cilium" }, mesh: { kind: "cilium-clustermesh" } } },
    { name: "IPv6 range in an IPv4 key", values: { clusters: [{ ...kindA, podCidr: "fd00:10:244::/56" }] } },
    { name: "IPv4 range in an IPv6 key", values: { clusters: [{ ...kindA, podCidrV6: "10.250.0.0/16" }] } },
    {
        name: "many problems at once",
        values: {
            clusters: [
                { ...kindA, name: "A", workers: -1 },
                { ...kindB, serviceCidr: "10.97.0.0/12", ssh: {} },
            ],
            mesh: { kind: "istio" },
        },
    },
    // The provisioners' own rules, reached from config validation with stack paths (issue 9).
    {
        name: "cluster 2 with a label the kubelet may not set",
        values: {
            clusters: [kubeadmA, { ...kubeadmB, workers: [{ host: "172.26.0.152", labels: { "node-role.kubernetes.io/worker": "" } }] }],
        },
    },
    {
        name: "invalid taint and duplicate node names",
        values: {
            clusters: [
                {
                    ...kubeadmA,
                    workers: [
                        { host: "172.26.0.142", name: "n1", taints: [{ key: "bad key!", effect: "NoSchedule" }] },
                        { host: "172.26.0.143", name: "n1" },
                    ],
                },
            ],
        },
    },
    { name: "Kubernetes older than kubeadm v1beta4", values: { clusters: [kubeadmA], versions: { kubernetes: "1.30.4" } } },
    { name: "containerd 1.x for Kubernetes 1.36", values: { clusters: [kubeadmA], versions: { containerd: "1.7" } } },
    { name: "containerd that is neither a line nor distribution", values: { clusters: [kindA], versions: { containerd: "latest" } } },
    // Value rules.
    {
        name: "a /32 pod range and a /30 service range",
        values: { clusters: [{ ...kindA, podCidr: "10.244.0.0/32", serviceCidr: "10.96.0.0/30" }] },
    },
    { name: "pod range in the loopback block", values: { clusters: [{ ...kindA, podCidr: "127.0.0.0/16" }] } },
    {
        name: "SSH host written as a URL, endpoint port 99999",
        values: {
            clusters: [{ ...kubeadmA, controlPlanes: [{ host: "ssh://172.26.0.141" }], controlPlaneEndpoint: "172.26.0.140:99999" }],
        },
    },
    {
        name: "node addresses no other machine can reach",
        values: {
            clusters: [
                {
                    ...kubeadmA,
                    workers: ["0.0.0.0", "127.0.0.1", "255.255.255.255", "224.0.0.5", "169.254.10.1"].map((host) => ({ host })),
                },
            ],
        },
    },
    {
        name: "IPv6 node address on an IPv4 cluster",
        values: { clusters: [{ ...kubeadmA, workers: [{ host: "172.26.0.142", addressV6: "fd00::142" }] }] },
    },
    { name: "IPv6 node IP on an IPv4 cluster", values: { clusters: [{ ...kubeadmA, workers: [{ host: "fd00::142" }] }] } },
    {
        name: "LoadBalancer pools in multicast and over everything",
        values: { clusters: [{ ...kindA, loadBalancerPools: ["224.0.0.0-224.0.0.10", "0.0.0.0/0"] }] },
    },
    { name: "kube-proxy skipped with no CNI to replace it", values: { clusters: [{ ...kindA, skipKubeProxy: true }] } },
    { name: "clusters that are not maps", values: { clusters: [null, kindB, 5] } },
    {
        name: "SSH users with shell metacharacters",
        values: { clusters: [kubeadmA], ssh: { user: "root; rm -rf /", bastion: { host: "bastion.lab", user: "$(id)" } } },
    },
    {
        name: "host key with a command after the key",
        values: { clusters: [{ ...kubeadmA, controlPlanes: [{ host: "172.26.0.141", hostKey: `${HOST_KEY} x; reboot\nssh-rsa AAAA` }] }] },
    },
    {
        name: "kind image reference with shell metacharacters",
        values: { clusters: [kindA], versions: { kindNodeImage: `kindest/node:v1.36.1$(reboot)@sha256:${"0".repeat(64)}` } },
    },
    { name: "garbage network.supernet that no cluster uses", values: { clusters: [kindA], network: { supernet: "10.64.0.0/33" } } },
    {
        name: "cni.values overriding keys the project owns",
        values: {
            clusters: [kindA, kindB],
            cni: {
                kind: "cilium",
                values: {
                    cluster: { name: "shared" },
                    ipam: { mode: "kubernetes" },
                    clustermesh: { useAPIServer: false },
                    hubble: { ui: { enabled: true } },
                },
            },
        },
    },
    {
        name: "native routing across clusters on different node subnets",
        values: {
            clusters: [kubeadmA, { ...kubeadmB, controlPlanes: [{ host: "172.27.0.151" }], workers: [{ host: "172.27.0.152" }] }],
            cni: { kind: "cilium", kubeProxyReplacement: true, routingMode: "native" },
            mesh: { kind: "cilium-clustermesh" },
        },
    },
    {
        name: "native routing in a mesh without kube-proxy replacement",
        values: { clusters: [kindA, kindB], cni: { kind: "cilium", routingMode: "native" }, mesh: { kind: "cilium-clustermesh" } },
    },
    // Type errors do not stop the pass; messages are secret-safe and grammatical.
    {
        name: "a type error beside network and cross-reference problems",
        values: {
            clusters: [
                { ...kindA, workers: "two" },
                { ...kindB, podCidr: "10.244.128.0/17" },
            ],
            cni: { kind: "antrea" },
            mesh: { kind: "antrea-multicluster", clusterSetId: "cs1", leader: "north" },
        },
    },
    {
        name: "an unknown provisioner beside a real overlap",
        values: {
            clusters: [
                { ...kindA, provisioner: "vagrant" },
                { ...kindB, podCidr: "10.244.0.0/17" },
            ],
        },
    },
    {
        name: "a private key under a misspelled and a nested key",
        values: { clusters: [kubeadmA], sshPrivatekey: PRIVATE_KEY, ssh: { user: "ubuntu", privateKey: PRIVATE_KEY } },
    },
    {
        name: "a multi-line value and a long value",
        values: {
            clusters: [
                { ...kindA, name: `east\n${"x".repeat(10)}` },
                { ...kindB, podCidr: `10.245.0.0/16${" ".repeat(90)}` },
            ],
        },
    },
    { name: "clusters given as a map", values: { clusters: { east: kindA } } },
    {
        name: "an ID beyond every integer, and a fractional one",
        values: {
            clusters: [
                { ...kindA, id: 1e20 },
                { ...kindB, id: 2.5 },
            ],
        },
    },
    // Loader rules the runtime can see.
    { name: "secure value on a plain setting", values: { clusters: [kindA] }, secretKeys: ["mesh"] },
    { name: "namespace one typo away", values: { clusters: [kindA] }, foreignKeys: ["multicluser:mesh", "kubernetes:context"] },
];
