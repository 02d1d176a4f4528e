import { expect } from "chai";
import * as path from "path";
import { Cluster } from "../../components/cluster";
import { KindCluster } from "../../components/kind/cluster";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { loadStackConfig } from "../../stacks/validate";
import { clusterConfiguration } from "../../components/kubeadm/kubeadm-config";
import { resolveKubeadmCluster } from "../../components/kubeadm/resolve";
import { parseStackConfig } from "../../stacks/validate";
import { kubeadmArgs, provisionClusters } from "../../stacks/layers/provision";
import { listStacks, readStackFiles } from "../../tools/engine/stack-files";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { ConfigValidationError } from "../../components/shared/validation";
import { recordProgram } from "../mocks";

const projectDir = path.resolve(__dirname, "..", "..");
/** A real ed25519 host key line. */
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRVc6HUpbHDvWH2G8SwrxRS6clTSohQo+JVfewpAGHE";

describe("provisionClusters", () => {
    for (const stack of listStacks(projectDir)) {
        it(`declares every cluster of Pulumi.${stack}.yaml, in config order, as reviewable scripts`, async () => {
            const files = readStackFiles(projectDir, stack);
            let names: string[] = [];
            let provisioners: string[] = [];
            let clusters: Cluster[] = [];
            const graph = await recordProgram(
                () => {
                    const { config, secrets } = loadStackConfig();
                    names = config.clusters.map((cluster) => cluster.name);
                    provisioners = config.clusters.map((cluster) => cluster.provisioner);
                    clusters = provisionClusters(config, secrets).map((entry) => entry.cluster);
                },
                { config: files.config, secretKeys: files.secretKeys, stack },
            );
            expect(graph.error, String(graph.error)).to.equal(undefined);
            expect(clusters.map((cluster) => cluster.name)).to.deep.equal(names);
            clusters.forEach((cluster, i) => {
                expect(cluster).to.be.instanceOf(provisioners[i] === "kubeadm" ? KubeadmCluster : KindCluster);
            });
            const components = graph.records.filter((record) => /^multicluster:(kubeadm:Kubeadm|kind:Kind)Cluster$/.test(record.type));
            expect(components.map((record) => record.name).sort()).to.deep.equal([...names].sort());
            for (const command of graph.records.filter((record) => record.type.startsWith("command:"))) {
                expect(String(graph.inputsOf(command).create), command.name).to.match(/set -euo pipefail/);
            }
        });
    }

    it("passes the stack's SSH key (a secret) and settings to every kubeadm connection", async () => {
        const files = readStackFiles(projectDir, "antrea-lab");
        const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nprovision-canary\n-----END OPENSSH PRIVATE KEY-----\n";
        const graph = await recordProgram(
            () => {
                const { config, secrets } = loadStackConfig();
                provisionClusters(config, secrets);
            },
            {
                config: { ...files.config, "multicluster:sshPrivateKey": key },
                secretKeys: [...files.secretKeys, "multicluster:sshPrivateKey"],
                stack: "antrea-lab",
            },
        );
        expect(graph.error, String(graph.error)).to.equal(undefined);
        const joins = graph.ofType("command:remote:Command").filter((record) => record.name.endsWith("-join"));
        expect(joins).to.have.length(9);
        for (const join of joins) {
            expect(graph.isSecretInput(join, "connection")).to.equal(true);
            expect(unwrapSecrets(join.inputs.connection)).to.deep.include({ user: "ubuntu", port: 22, privateKey: key });
        }
    });

    it("keeps kindnet on kind clusters only when no CNI component is configured", async () => {
        for (const [stack, cni] of [
            ["linkerd-kind", false],
            ["dev", true],
        ] as const) {
            const files = readStackFiles(projectDir, stack);
            const graph = await recordProgram(
                () => {
                    const { config, secrets } = loadStackConfig();
                    provisionClusters(config, secrets);
                },
                { config: files.config, secretKeys: files.secretKeys, stack },
            );
            for (const create of graph.ofType("command:local:Command").filter((record) => record.name.endsWith("-cluster"))) {
                expect(String(graph.inputsOf(create).create), `${stack} ${create.name}`).to.contain(`disableDefaultCNI: ${cni}`);
            }
        }
    });

    it("refuses a cluster under the loader's heading, with the label key quoted in the stack's key path", () => {
        const cluster = {
            name: "k8s-01",
            provisioner: "kubeadm",
            podCidr: "10.1.0.0/16",
            serviceCidr: "10.101.0.0/16",
            controlPlanes: [{ host: "172.26.0.141", labels: { "bad key!": "x" } }],
        };
        expect(() =>
            parseStackConfig({ project: "multicluster", stack: "test", secretKeys: [], values: { clusters: [cluster] } }),
        ).to.throw(
            ConfigValidationError,
            "stack config Pulumi.test.yaml (namespace multicluster) is invalid (1 problem):\n" +
                '  - clusters[0].controlPlanes[0].labels["bad key!"] = "x" is not a valid Kubernetes label; fix: ',
        );
    });

    it("wires clusters[].apiServerUrl and the bastion's host key into KubeadmCluster, and the URL's host into the API certificate", () => {
        const config = parseStackConfig({
            project: "multicluster",
            stack: "test",
            secretKeys: [],
            values: {
                clusters: [
                    {
                        name: "k8s-01",
                        provisioner: "kubeadm",
                        podCidr: "10.1.0.0/16",
                        serviceCidr: "10.101.0.0/16",
                        controlPlanes: [{ host: "172.26.0.141" }],
                        apiServerUrl: "https://127.0.0.1:16443",
                    },
                ],
                ssh: { user: "ubuntu", bastion: { host: "bastion.lab", hostKey: HOST_KEY } },
            },
        });
        const entry = config.clusters[0];
        if (entry.provisioner !== "kubeadm") {
            throw new Error("expected a kubeadm cluster");
        }
        const args = kubeadmArgs(entry, config, { byKey: {} });
        expect(args.apiServerUrl).to.equal("https://127.0.0.1:16443");
        expect(args.ssh?.bastion).to.deep.equal({ host: "bastion.lab", port: 22, hostKey: HOST_KEY });
        expect(args.controlPlaneEndpoint).to.equal("172.26.0.141:6443");
        const resolved = resolveKubeadmCluster("k8s-01", args);
        expect(clusterConfiguration(resolved).apiServer.certSANs).to.include("127.0.0.1").and.to.include("172.26.0.141");
    });
});
