import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError } from "../../components/shared/validation";
import { RawStackConfig, parseStackConfig } from "../../stacks/config/load";
import { configKeys } from "../../stacks/config/schema";
import { badConfigs, kindA, kindB, kubeadmA } from "../cases/bad-configs";

function raw(values: Record<string, unknown>, secretKeys: string[] = []): RawStackConfig {
    return { project: "multicluster", stack: "test", values, secretKeys };
}

function problems(values: Record<string, unknown>, secretKeys: string[] = []): string[] {
    try {
        parseStackConfig(raw(values, secretKeys));
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigValidationError);
        return (error as ConfigValidationError).issues.map((entry) => entry.message);
    }
    return [];
}

/** Exact messages per case of test/cases/bad-configs.ts (reviewed by hand; keep them one sentence each). */
const expected: Record<string, string[]> = {
    "no clusters": [
        "clusters = [] needs at least 1 entry; fix: add entries to clusters.",
    ],
    "clusters missing": [
        "clusters is missing; fix: set clusters (an array).",
    ],
    "unknown config key": [
        `multicluster:cluster = [] is not a config key of this project; fix: remove it or use one of ${configKeys.join(", ")}.`,
    ],
    "unknown cluster setting": [
        "clusters[0].podCIDR = \"10.1.0.0/16\" is not a known setting; fix: remove it or use one of \"name\", \"id\", \"podCidr\", \"serviceCidr\", \"podCidrV6\", \"serviceCidrV6\", \"loadBalancerPools\", \"skipKubeProxy\", \"provisioner\", \"workers\".",
    ],
    "unknown provisioner": [
        "clusters[0].provisioner = \"vagrant\" is not one of \"kubeadm\", \"kind\"; fix: use one of those values.",
    ],
    "name not DNS-1123": [
        "clusters[0].name = \"East_1\" is not a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most 63 characters); fix: rename it, e.g. \"east-1\".",
    ],
    "duplicate names": [
        "clusters[1].name = \"east\" is already the name of clusters[0]; fix: give every cluster a unique name.",
    ],
    "not a CIDR": [
        "clusters[0].podCidr = \"10.244.0.0\" is not a CIDR; fix: write it as address/prefix, e.g. \"10.1.0.0/16\", or \"auto\".",
    ],
    "host bits set (seed 003's 10.97.0.0/12)": [
        "clusters[1].serviceCidr = \"10.97.0.0/12\" has host bits set, so it really means 10.96.0.0/12; fix: write \"10.96.0.0/12\" if that is meant, or choose a block aligned to /12 that no other range uses.",
    ],
    "pod CIDRs overlap between clusters": [
        "clusters[1].podCidr = \"10.244.128.0/17\" overlaps clusters[0].podCidr \"10.244.0.0/16\" (10.244.0.0-10.244.255.255); fix: give every pod and service range of every cluster its own block, or set it to \"auto\".",
    ],
    "pod and service CIDR overlap within a cluster": [
        "clusters[0].serviceCidr = \"10.244.64.0/18\" overlaps clusters[0].podCidr \"10.244.0.0/16\" (10.244.0.0-10.244.255.255); fix: give every pod and service range of every cluster its own block, or set it to \"auto\".",
    ],
    "node IP inside a pod range": [
        "clusters[0].controlPlanes[0].host = \"172.26.0.141\" lies inside clusters[0].podCidr \"172.26.0.0/16\"; fix: move the pod/service range away from the node network (or set it to \"auto\").",
        "clusters[0].workers[0].host = \"172.26.0.142\" lies inside clusters[0].podCidr \"172.26.0.0/16\"; fix: move the pod/service range away from the node network (or set it to \"auto\").",
    ],
    "duplicate mesh IDs": [
        "clusters[1].id = 7 is already the ID of clusters[0]; fix: give every cluster a unique ID.",
    ],
    "mesh ID out of range": [
        "clusters[0].id = 256 is outside the mesh ID range 1-255; fix: pick an unused ID from 1 to 255.",
    ],
    "LoadBalancer pools overlap across clusters": [
        "clusters[1].loadBalancerPools[0] = \"172.18.255.216/29\" overlaps the LoadBalancer pool clusters[0].loadBalancerPools[0] \"172.18.255.200-172.18.255.219\"; fix: give every pool its own addresses.",
    ],
    "LoadBalancer pool not a range": [
        "clusters[0].loadBalancerPools[0] = \"172.18.255.200-172.18.255.100\" is not an aligned CIDR or a first-last address range; fix: write it as e.g. \"172.18.255.200/29\" or \"172.18.255.200-172.18.255.219\".",
    ],
    "two control planes": [
        "clusters[0].controlPlanes = [\"172.26.0.141\",\"172.26.0.143\"] has 2 hosts, and etcd needs 1 or at least 3 members for quorum; fix: use 1 control plane, or 3 or more.",
        "clusters[0].controlPlaneEndpoint is missing but several control planes need a shared endpoint (a VIP or load balancer); fix: set clusters[0].controlPlaneEndpoint to \"<vip>:6443\".",
    ],
    "node without an IP": [
        "clusters[0].workers[0].host = \"worker-1.lab\" is not an IP address, and kubeadm needs the node's IP; fix: set clusters[0].workers[0].address to the node's IP (host may stay a DNS name for SSH).",
    ],
    "mesh needs another CNI": [
        "mesh.kind = \"cilium-clustermesh\" needs cni.kind \"cilium\" but cni.kind is \"antrea\"; fix: set cni.kind to \"cilium\" or choose another mesh.",
    ],
    "mesh names an unknown cluster": [
        "mesh.leader = \"north\" is not the name of a cluster in this stack; fix: use one of \"east\", \"west\".",
    ],
    "pinned clustermesh IP outside the pools": [
        "mesh.apiServerIps.east = \"172.18.255.240\" is not inside any of clusters[0].loadBalancerPools; fix: pick an IP from that cluster's pools, or add a pool that holds it.",
    ],
    "version with a leading v": [
        "versions.kubernetes = \"v1.36.1\" is not a version like 1.36.1; fix: write it as 1.36.1 (no leading \"v\").",
    ],
    "SSH key in plain text": [
        "sshPrivateKey = \"[not shown]\" is stored in plain text in the stack file; fix: set it with `pulumi config set --secret sshPrivateKey < file` (or type it after `pulumi config set --secret sshPrivateKey`).",
    ],
    "auto range does not fit": [
        "clusters[0].podCidr = \"auto\" cannot be allocated: no free /16 is left in 10.0.0.0/24; fix: widen network.supernet, raise network.podPrefix/servicePrefix, or give this cluster explicit ranges.",
        "clusters[0].serviceCidr = \"auto\" cannot be allocated: no free /20 is left in 10.0.0.0/24; fix: widen network.supernet, raise network.podPrefix/servicePrefix, or give this cluster explicit ranges.",
    ],
    "node name not a DNS-1123 subdomain": [
        "clusters[0].workers[0].name = \"Worker_1\" is not a valid Kubernetes node name (DNS-1123 subdomain); fix: use lowercase letters, digits, '-' and '.'.",
    ],
    "control-plane endpoint not host:port": [
        "clusters[0].controlPlaneEndpoint = \"https://172.26.0.100\" is not host:port; fix: write it as e.g. \"10.0.0.100:6443\" or \"api.example.internal:6443\".",
    ],
    "two nodes with one address": [
        "clusters[0].workers[0].host = \"172.26.0.141\" is already the address of clusters[0].controlPlanes[0].host; fix: list every node once, with its own address.",
    ],
    "LoadBalancer pool inside a service range": [
        "clusters[0].loadBalancerPools[0] = \"10.96.255.0/28\" overlaps clusters[0].serviceCidr \"10.96.0.0/16\"; fix: take pool addresses from the node network, outside every pod and service range.",
    ],
    "kind image not pinned by digest": [
        "versions.kindNodeImage = \"kindest/node:v1.36.1\" is not pinned by digest; fix: write it as kindest/node:v1.36.1@sha256:<64 hex digits> from the kind release notes.",
    ],
    "Cilium cluster name too long": [
        "clusters[0].name = \"east-cluster-with-a-very-long-name-x\" cannot be a Cilium cluster name (at most 32 characters, and not \"default\"); fix: shorten or rename the cluster.",
    ],
    "Cilium LoadBalancer exposure without a pinned IP": [
        "mesh.apiServerIps.east is missing but mesh.exposure LoadBalancer needs this cluster's clustermesh-apiserver IP pinned; fix: set an IP from the cluster's loadBalancerPools.",
    ],
    "L2 announcements without kube-proxy replacement": [
        "cni.l2Announcements = true needs cni.kubeProxyReplacement: true (L2 announcements are part of Cilium's kube-proxy replacement); fix: set cni.kubeProxyReplacement: true, or announce the LoadBalancer IPs by BGP instead.",
    ],
    "kube-proxy skipped without a replacement": [
        "clusters[0].skipKubeProxy = true leaves the cluster without any Service proxy because cni.kubeProxyReplacement is false; fix: set cni.kubeProxyReplacement: true, or skipKubeProxy: false.",
    ],
    "Antrea member and gateway of unknown clusters": [
        "mesh.members[1] = \"south\" is not the name of a cluster in this stack; fix: use one of \"east\", \"west\".",
        "mesh.gatewayNodes.north = \"north\" is not the name of a cluster in this stack; fix: use one of \"east\", \"west\".",
    ],
    "Linkerd link to itself and to an unknown cluster": [
        "mesh.links[0].to = \"east\" is the same cluster as from; fix: link two different clusters.",
        "mesh.links[1].to = \"north\" is not the name of a cluster in this stack; fix: use one of \"east\", \"west\".",
    ],
    "Contrail central is not a cluster": [
        "mesh.central = \"central\" is not the name of a cluster in this stack; fix: use one of \"k8s-01\", \"k8s-02\".",
    ],
    "one-cluster mesh": [
        "mesh.kind = \"cilium-clustermesh\" connects 1 cluster, and a mesh needs at least 2; fix: add a cluster, or set mesh.kind: \"none\" until there is a second one.",
    ],
    "IPv6 range in an IPv4 key": [
        "clusters[0].podCidr = \"fd00:10:244::/56\" is an IPv6 range in an IPv4 key; fix: give an IPv4 range here and put the IPv6 range in the matching ...V6 key (podCidrV6, serviceCidrV6).",
    ],
    "IPv4 range in an IPv6 key": [
        "clusters[0].podCidrV6 = \"10.250.0.0/16\" is an IPv4 range in an IPv6 key; fix: give an IPv6 range here (e.g. \"fd00:10:244::/56\"), and the IPv4 range in podCidr/serviceCidr.",
    ],
    "many problems at once": [
        "clusters[0].name = \"A\" is not a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most 63 characters); fix: rename it, e.g. \"a\".",
        "clusters[0].workers = -1 is below the minimum 0; fix: use 0 or more.",
        "clusters[1].serviceCidr = \"10.97.0.0/12\" has host bits set, so it really means 10.96.0.0/12; fix: write \"10.96.0.0/12\" if that is meant, or choose a block aligned to /12 that no other range uses.",
        "clusters[1].ssh = {} is not a known setting; fix: remove it or use one of \"name\", \"id\", \"podCidr\", \"serviceCidr\", \"podCidrV6\", \"serviceCidrV6\", \"loadBalancerPools\", \"skipKubeProxy\", \"provisioner\", \"workers\".",
        "mesh.kind = \"istio\" is not one of \"none\", \"cilium-clustermesh\", \"antrea-multicluster\", \"linkerd\", \"contrail\"; fix: use one of those values.",
    ],
};

describe("stack config validation", () => {
    it("covers every case of the table and at least 12 distinct rules", () => {
        expect(Object.keys(expected)).to.deep.equal(badConfigs.map((entry) => entry.name));
        expect(badConfigs.length).to.be.at.least(12);
    });

    for (const entry of badConfigs) {
        it(`rejects: ${entry.name}`, () => {
            expect(problems(entry.values, entry.secretKeys)).to.deep.equal(expected[entry.name]);
        });
    }

    it("names the key, the value and the fix in every message", () => {
        for (const messages of Object.values(expected)) {
            for (const message of messages) {
                expect(message).to.match(/^[A-Za-z:\][.0-9]+ (= .+ |is missing)/);
                expect(message).to.contain("; fix: ").and.to.match(/\.$/);
            }
        }
    });

    it("throws a RunError, so Pulumi prints the message without a stack trace", () => {
        try {
            parseStackConfig(raw({ clusters: [] }));
            expect.fail("expected a validation error");
        } catch (error) {
            expect(pulumi.RunError.isInstance(error)).to.equal(true);
            expect((error as Error).message).to.equal(
                "stack config Pulumi.test.yaml (namespace multicluster) is invalid (1 problem):\n" +
                "  - clusters = [] needs at least 1 entry; fix: add entries to clusters.");
        }
    });

    it("accepts valid configs and fills in defaults", () => {
        const config = parseStackConfig(raw({ clusters: [kindA, kubeadmA], ssh: { user: "ubuntu" } }));
        expect(config.clusters.map((cluster) => cluster.id)).to.deep.equal([1, 2]);
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
            const withExplicit = parseStackConfig(raw({ clusters: [auto("a"), auto("b"), { ...kindB, name: "c", podCidr: "10.80.0.0/16" }] }));
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
