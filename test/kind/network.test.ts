// R4: the LoadBalancer addresses a stack pins for a kind cluster are checked against the real Docker `kind` network
// right after create (a stub docker answers `docker network inspect kind` as Docker formats it).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { KindCluster } from "../../components/kind/cluster";
import { resolveKindCluster } from "../../components/kind/config";
import { ipv4Spans } from "../../components/kind/network";
import { renderKindCreate, renderKindKubeconfig } from "../../components/kind/scripts";
import { ConfigValidationError } from "../../components/shared/validation";
import { kindArgs, provisionIssues } from "../../stacks/layers/provision";
import { loadStackFile } from "../fixtures/cilium-clusters";
import { expectGolden } from "../golden";
import { recordProgram } from "../mocks";
import { KindSandbox, removeKindSandboxes } from "./sandbox";

/** A docker that answers the two inspections of the `kind` network the check makes (Go templates over .IPAM and .Containers). */
const DOCKER_STUB = `#!/bin/bash
set -euo pipefail
printf '%s\\n' "docker $*" >>"$KIND_STATE/calls.log"
[[ "$1 $2" == "network inspect" ]] || { echo "docker stub: unexpected call $*" >&2; exit 2; }
case "$5" in
  *Subnet*) echo "\${DOCKER_SUBNETS:-172.18.0.0/16 fc00:f853:ccd:e793::/64 }" ;;
  *Gateway*) echo "\${DOCKER_USED:-172.18.0.1  172.18.0.2/16 172.18.0.3/16 }" ;;
  *) echo "docker stub: unexpected template $5" >&2; exit 2 ;;
esac
`;

const ARGS = { podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16", networkAddressesKey: "clusters[0].loadBalancerPools" };

function sandboxWithCluster(addresses: readonly string[]): { sandbox: KindSandbox; script: string } {
    const cluster = resolveKindCluster("lb-east", { ...ARGS, networkAddresses: [...addresses] });
    const sandbox = new KindSandbox();
    fs.writeFileSync(path.join(sandbox.state, "bin", "docker"), DOCKER_STUB, { mode: 0o755 });
    expect(sandbox.run(renderKindCreate(cluster)).status).to.equal(0);
    return { sandbox, script: renderKindKubeconfig(cluster) };
}

describe("kind network check of LoadBalancer addresses (R4)", () => {
    after(removeKindSandboxes);

    it("renders the check into the kubeconfig step (golden, shellchecked)", () => {
        expectGolden(
            "kind/kubeconfig-with-network-check.sh",
            renderKindKubeconfig(
                resolveKindCluster("lb-east", { ...ARGS, networkAddresses: ["172.18.0.61-172.18.0.70", "172.18.255.200/29"] }),
            ),
        );
        expect(ipv4Spans(["172.18.0.61-172.18.0.70", "fd00::/120", "10.0.0.5"])).to.deep.equal([
            { text: "172.18.0.61-172.18.0.70", first: String(0xac12003d), last: String(0xac120046) },
            { text: "10.0.0.5", first: String(0x0a000005), last: String(0x0a000005) },
        ]);
    });

    it("passes addresses inside the network and prints the kubeconfig", () => {
        const { sandbox, script } = sandboxWithCluster(["172.18.0.61-172.18.0.70"]);
        const run = sandbox.run(script);
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.contain("server: https://127.0.0.1:40123");
        expect(run.calls).to.include("docker network inspect kind -f {{range .IPAM.Config}}{{.Subnet}} {{end}}");
    });

    it("fails naming the network's real range and the key when Docker gave kind another subnet", () => {
        const { sandbox, script } = sandboxWithCluster(["172.18.0.61-172.18.0.70"]);
        const run = sandbox.run(script, {
            DOCKER_SUBNETS: "172.19.0.0/16 fc00:f853:ccd:e793::/64",
            DOCKER_USED: "172.19.0.1 172.19.0.2/16",
        });
        expect(run.status).to.equal(1);
        expect(run.stdout).to.equal("");
        expect(run.stderr).to.equal(
            "kind cluster lb-east: clusters[0].loadBalancerPools has addresses outside the Docker network kind (172.19.0.0/16): 172.18.0.61-172.18.0.70; fix: pick addresses inside it, e.g. from its upper end\n",
        );
    });

    it("fails when a pool holds an address Docker gave a node container, and skips the check on another kind provider", () => {
        const { sandbox, script } = sandboxWithCluster(["172.18.0.2-172.18.0.9"]);
        const taken = sandbox.run(script);
        expect(taken.status).to.equal(1);
        expect(taken.stderr).to.equal(
            "kind cluster lb-east: clusters[0].loadBalancerPools includes addresses Docker gave to the network's gateway or its containers: 172.18.0.2 172.18.0.3; fix: pick free addresses from the upper end of 172.18.0.0/16\n",
        );
        const podman = sandbox.run(script, { KIND_EXPERIMENTAL_PROVIDER: "podman" });
        expect(podman.status, podman.stderr).to.equal(0);
        expect(podman.stderr).to.contain(
            "note: kind does not run on docker here, so clusters[0].loadBalancerPools was not checked against its network",
        );
        const named = sandbox.run(script, { KIND_EXPERIMENTAL_DOCKER_NETWORK: "lab", DOCKER_SUBNETS: "10.89.0.0/24" });
        expect(named.stderr).to.equal(
            "kind cluster lb-east: clusters[0].loadBalancerPools has addresses outside the Docker network lab (10.89.0.0/24): 172.18.0.2-172.18.0.9; fix: pick addresses inside it, e.g. from its upper end\n",
        );
    });

    it("runs in the kubeconfig step, which a change of the addresses re-runs (mocks graph)", async () => {
        const graph = await recordProgram(() => [
            new KindCluster("lb-east", { ...ARGS, networkAddresses: ["172.18.0.61-172.18.0.70"] }),
            new KindCluster("plain", { podCidr: "10.245.0.0/16", serviceCidr: "10.97.0.0/16" }),
        ]);
        expect(graph.error).to.equal(undefined);
        const checked = graph.inputsOf(graph.find("command:local:Command", "lb-east-kubeconfig"));
        expect(String(checked.create)).to.contain('docker network inspect "$network"');
        // The config hash, the addresses' hash, the create step's ID.
        expect(checked.triggers).to.have.length(3);
        const plain = graph.inputsOf(graph.find("command:local:Command", "plain-kubeconfig"));
        expect(String(plain.create)).to.not.contain("docker");
        expect(plain.triggers).to.have.length(2);
    });

    it("is wired for kind clusters whose pools MetalLB or Cilium LB IPAM hand out, and refuses a malformed address", () => {
        const linkerd = loadStackFile("linkerd-kind");
        const east = linkerd.clusters[0];
        expect(east.provisioner).to.equal("kind");
        if (east.provisioner === "kind") {
            expect(kindArgs(east, linkerd)).to.deep.include({
                networkAddresses: ["172.18.0.61-172.18.0.70"],
                networkAddressesKey: "clusters[0].loadBalancerPools",
            });
            expect(kindArgs(east, { ...linkerd, loadBalancer: { kind: "none" } })).to.not.have.property("networkAddresses");
        }
        const cilium = loadStackFile("linkerd-cilium");
        const west = cilium.clusters[1];
        if (west.provisioner === "kind") {
            expect(kindArgs(west, cilium)).to.deep.include({ networkAddressesKey: "clusters[1].loadBalancerPools" });
        }
        expect(provisionIssues(linkerd)).to.deep.equal([]);
        expect(() => resolveKindCluster("lb-east", { ...ARGS, networkAddresses: ["172.18.0.300"] })).to.throw(
            ConfigValidationError,
            'networkAddresses[0] = "172.18.0.300" is not an IP address, an aligned CIDR or a first-last address range',
        );
    });
});
