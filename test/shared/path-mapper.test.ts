// A rule reused by a stack reports at the stack's keys through a PathMapper: paths are mapped, sentences never rewritten.
import { expect } from "chai";
import { kubeadmClusterIssues } from "../../components/kubeadm/resolve";
import { fieldPaths, ownPaths } from "../../components/shared/validation";

describe("PathMapper", () => {
    const at = fieldPaths({
        workers: "clusters[1].workers",
        kubernetesVersion: "versions.kubernetes",
        "peers[0]": "clusters[2].name",
        peers: "mesh.peers",
    });

    it("maps a field and keeps the rest of the path; the longest listed field wins; an unlisted path stays as it is", () => {
        expect([
            at("workers"),
            at("workers[0].labels.x"),
            at("kubernetesVersion"),
            at("peers[0]"),
            at("peers[1]"),
            at("podCidr"),
            at("workersX"),
        ]).to.deep.equal([
            "clusters[1].workers",
            "clusters[1].workers[0].labels.x",
            "versions.kubernetes",
            "clusters[2].name",
            "mesh.peers[1]",
            "podCidr",
            "workersX",
        ]);
        expect(ownPaths("workers[0]")).to.equal("workers[0]");
    });

    it("gives a component rule the stack's keys in the path and in the sentence (no rewriting afterwards)", () => {
        const args = { controlPlanes: [{ host: "10.0.0.1" }, { host: "10.0.0.2" }], podCidr: "10.1.0.0/16", serviceCidr: "10.2.0.0/16" };
        const stack = fieldPaths({ controlPlanes: "clusters[3].controlPlanes", controlPlaneEndpoint: "clusters[3].controlPlaneEndpoint" });
        expect(kubeadmClusterIssues("c", args, stack).map((entry) => entry.message)).to.deep.equal([
            'clusters[3].controlPlanes = ["10.0.0.1","10.0.0.2"] has 2 hosts, and etcd needs 1 or at least 3 members for quorum; fix: use 1 control plane, or 3 or more.',
            'clusters[3].controlPlaneEndpoint is missing but several control planes need a shared endpoint (a VIP or load balancer); fix: set clusters[3].controlPlaneEndpoint to "<vip>:6443".',
        ]);
        expect(kubeadmClusterIssues("c", args).map((entry) => entry.path)).to.deep.equal(["controlPlanes", "controlPlaneEndpoint"]);
    });
});
