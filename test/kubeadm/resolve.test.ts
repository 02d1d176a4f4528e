import { expect } from "chai";
import { KubeadmClusterArgs } from "../../components/kubeadm/args";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { ConfigValidationError } from "../../components/shared/validation";
import { HIGHLY_AVAILABLE, SMALL } from "../fixtures/kubeadm-clusters";

const base: KubeadmClusterArgs = { controlPlanes: [{ host: "10.0.0.10" }], podCidr: "10.240.0.0/16", serviceCidr: "10.96.0.0/16" };

/** The validation messages for `args` (one sentence each), or [] when valid. */
function problems(args: Partial<KubeadmClusterArgs>, name = "alpha"): string[] {
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
        expect(cluster.controlPlanes.map((node) => [node.key, node.name, node.address])).to.deep.equal([["cp-1", "alpha-cp-1", "10.0.0.10"]]);
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
            user: "root", port: 2222, bastion: { host: "bastion.example.com", port: 22, user: "root" },
        });
    });

    it("brackets an IPv6 first control plane in the default endpoint", () => {
        expect(resolveKubeadmCluster("v6", { ...base, controlPlanes: [{ host: "fd00::10" }], podCidr: "fd01::/56", serviceCidr: "fd02::/108" })
            .controlPlaneEndpoint).to.equal("[fd00::10]:6443");
    });

    const cases: [string, Partial<KubeadmClusterArgs>, string[]][] = [
        ["two control planes (no etcd quorum)", { controlPlanes: [{ host: "10.0.0.10" }, { host: "10.0.0.11" }], controlPlaneEndpoint: "10.0.0.100:6443" }, [
            "controlPlanes = 2 is not a valid control-plane count (etcd needs 1 member, or 3 and more for quorum); fix: give 1 control plane, or 3 or more.",
        ]],
        ["HA without a shared endpoint", { controlPlanes: [{ host: "10.0.0.10" }, { host: "10.0.0.11" }, { host: "10.0.0.12" }] }, [
            'controlPlaneEndpoint is missing but several control planes need a shared endpoint (a VIP or load balancer); fix: set it to "<vip>:6443".',
        ]],
        ["a DNS host without the node IP", { controlPlanes: [{ host: "cp.example.com" }] }, [
            "controlPlanes[0].address = \"cp.example.com\" is not an IP address, and kubeadm needs the node's IP; fix: set controlPlanes[0].address to the node's IP (host may stay a DNS name for SSH).",
        ]],
        ["a label the kubelet may not set", { workers: [{ host: "10.0.0.20", labels: { "node-role.kubernetes.io/worker": "" } }] }, [
            'workers[0].labels.node-role.kubernetes.io/worker = "" cannot be set by the kubelet at registration (NodeRestriction forbids kubernetes.io and k8s.io labels); fix: use a label in your own namespace, e.g. node-role.example.com/worker.',
        ]],
        ["two nodes with one name", { workers: [{ host: "10.0.0.20", name: "n1" }, { host: "10.0.0.21", name: "n1" }] }, [
            'workers[1].name = "n1" repeats the node name of workers[0]; fix: give every node its own name and address.',
        ]],
        ["names that differ only by the cluster prefix", { workers: [{ host: "10.0.0.20", name: "w" }, { host: "10.0.0.21", name: "alpha-w" }] }, [
            'workers[1].name = "w" repeats the resource name (the node name without the cluster prefix) of workers[0]; fix: give every node its own name and address.',
        ]],
        ["overlapping pod and service ranges", { serviceCidr: "10.240.128.0/20" }, [
            'serviceCidr = "10.240.128.0/20" overlaps podCidr 10.240.0.0/16; fix: give pods and services disjoint ranges.',
        ]],
        ["a release without kubeadm v1beta4", { kubernetesVersion: "1.30.2" }, [
            'kubernetesVersion = "1.30.2" is not a Kubernetes release from 1.31.0 on (kubeadm.k8s.io/v1beta4); fix: use a version like 1.36.1, without the leading v.',
        ]],
        ["an unknown containerd source", { containerdVersion: "latest" }, [
            'containerdVersion = "latest" is neither a containerd.io version line like "2.2" nor "distribution"; fix: use e.g. "2.2" (Docker\'s containerd.io 2.2.x).',
        ]],
        ["an SSH port out of range", { ssh: { port: 0 } }, ["ssh.port = 0 is not a TCP port; fix: use a number from 1 to 65535."]],
    ];
    for (const [title, args, expected] of cases) {
        it(`rejects ${title}`, () => expect(problems(args)).to.deep.equal(expected));
    }

    it("reports every problem at once, before anything is declared", () => {
        const found = problems({ controlPlanes: [], podCidr: "10.240.0.1/16", containerdVersion: "x" }, "Alpha_1");
        expect(found).to.have.length(4);
        expect(found[0]).to.match(/^name = "Alpha_1" is not a DNS-1123 label/);
    });

    it("accepts the labels a kubelet may set on itself", () => {
        expect(problems({ workers: [{ host: "10.0.0.20", labels: { "node.kubernetes.io/pool": "a", "topology.kubernetes.io/zone": "z1", "example.com/x": "y" } }] }))
            .to.deep.equal([]);
    });
});
