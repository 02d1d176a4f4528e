import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { KindCluster } from "../../components/kind/cluster";
import { KindClusterArgs, kindClusterDefaults, kindConfig, renderKindConfig, resolveKindCluster } from "../../components/kind/config";
import { renderKindCreate, renderKindDelete, renderKindKubeconfig } from "../../components/kind/scripts";
import { ConfigValidationError } from "../../components/shared/validation";
import { defaultVersions } from "../../components/versions";
import { isSecretValue } from "../../tools/engine/secret-values";
import { KindSandbox, removeKindSandboxes } from "./sandbox";
import { expectGolden } from "../golden";
import { RecordedGraph, promiseOf, recordProgram } from "../mocks";

const ARGS: KindClusterArgs = { podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16", workers: 2, skipKubeProxy: true };
const east = resolveKindCluster("dev-east", ARGS);

describe("kind renderers", () => {
    it("renders the kind config (golden)", () => expectGolden("kind/config-dev-east.yaml", renderKindConfig(east)));
    it("renders the create script (golden)", () => expectGolden("kind/create-dev-east.sh", renderKindCreate(east)));
    it("renders the delete script (golden)", () => expectGolden("kind/delete-dev-east.sh", renderKindDelete(east)));
    it("renders the kubeconfig script (golden)", () => expectGolden("kind/kubeconfig-dev-east.sh", renderKindKubeconfig(east)));

    it("keeps kindnet only when asked, drops kube-proxy when skipped, and pins every node image by digest", () => {
        const config = kindConfig(
            resolveKindCluster("dev-west", { podCidr: "10.245.0.0/16", serviceCidr: "10.97.0.0/16", disableDefaultCni: false }),
        );
        expect(config.networking).to.deep.equal({
            apiServerAddress: "127.0.0.1",
            podSubnet: "10.245.0.0/16",
            serviceSubnet: "10.97.0.0/16",
            disableDefaultCNI: false,
            kubeProxyMode: "iptables",
        });
        expect(config.nodes).to.deep.equal([
            { role: "control-plane", image: defaultVersions.kindNodeImage },
            { role: "worker", image: defaultVersions.kindNodeImage },
        ]);
        expect(kindConfig(east).networking).to.include({ disableDefaultCNI: true, kubeProxyMode: "none" });
    });

    const invalid: [string, Partial<KindClusterArgs>, string][] = [
        ["too many workers", { workers: 21 }, "workers = 21 is not a worker count from 0 to 20; fix: use a whole number in that range."],
        [
            "an image without digest",
            { nodeImage: "kindest/node:v1.36.1" },
            'nodeImage = "kindest/node:v1.36.1" is not pinned by digest; fix: write it as kindest/node:v1.36.1@sha256:<64 hex digits> from the kind release notes.',
        ],
        [
            "an image reference with shell characters",
            { nodeImage: `kindest/node:v1.36.1;reboot@sha256:${"a".repeat(64)}` },
            'nodeImage = "kindest/node:v1.36.1;reboot@sha256:aaaaaaaaaaaaaaaaaaaaaaaaa"... (99 characters) is not an image reference (registry/name:tag@sha256:<digest>, without spaces, quotes or shell characters); fix: copy the image reference from the kind release notes, e.g. kindest/node:v1.36.1@sha256:<64 hex digits>.',
        ],
        [
            "a /30 service range",
            { serviceCidr: "10.96.0.0/30" },
            'serviceCidr = "10.96.0.0/30" is a /30, but a service range must be /12 to /28 (IPv4): kube-apiserver allocates at most 2^20 service IPs, and kubeadm gives the cluster DNS the 10th address; fix: use a /12 to /28 range, e.g. "10.96.0.0/16".',
        ],
        [
            "overlapping ranges",
            { podCidr: "10.96.0.0/12" },
            'serviceCidr = "10.96.0.0/16" overlaps podCidr 10.96.0.0/12; fix: give pods and services disjoint ranges.',
        ],
    ];
    for (const [title, args, message] of invalid) {
        it(`rejects ${title}`, () => {
            try {
                resolveKindCluster("dev-east", { ...ARGS, ...args });
                expect.fail("accepted");
            } catch (error) {
                expect((error as ConfigValidationError).issues.map((entry) => entry.message)).to.deep.equal([message]);
            }
        });
    }
});

describe("kind scripts executed with a stub kind", () => {
    const sandbox = (): KindSandbox => new KindSandbox();
    after(removeKindSandboxes);

    it("create makes the cluster once and then leaves it alone; delete is idempotent", () => {
        const box = sandbox();
        const first = box.run(renderKindCreate(east));
        expect(first.status, first.stderr).to.equal(0);
        expect(first.calls.filter((call) => call.startsWith("kind create cluster --name dev-east --config "))).to.have.length(1);
        expect(fs.readFileSync(path.join(box.state, "clusters", "dev-east"), "utf8")).to.equal(renderKindConfig(east));
        const second = box.run(renderKindCreate(east));
        expect(second.stdout).to.equal("kind cluster dev-east already exists\n");
        expect(second.calls).to.deep.equal(["kind get clusters"]);
        expect(
            fs.readdirSync(path.join(box.state, ".local", "state", "multicluster", "kind")),
            "no work files (a throwaway admin kubeconfig) left",
        ).to.deep.equal([]);
        expect(box.run(renderKindDelete(east)).status).to.equal(0);
        expect(box.run(renderKindDelete(east)).status).to.equal(0);
        expect(fs.existsSync(path.join(box.state, "clusters", "dev-east"))).to.equal(false);
    });

    it("a failing kind makes create exit non-zero with kind's message", () => {
        const run = sandbox().run(renderKindCreate(east), { STUB_FAIL: "1" });
        expect(run.status).not.to.equal(0);
        expect(run.stderr).to.contain("kind: simulated failure (create cluster --name dev-east");
    });

    it("fails clearly when kind is not installed", () => {
        const run = spawnSync("/bin/bash", ["-c", renderKindCreate(east)], {
            encoding: "utf8",
            env: { PATH: "/nonexistent", HOME: "/nonexistent" },
        });
        expect(run.status).to.equal(1);
        expect(run.stderr).to.equal("kind is not on PATH: install kind v0.32 or later (https://kind.sigs.k8s.io/docs/user/quick-start/)\n");
    });

    it("prints the kubeconfig only when the in-network API address is the promised one", () => {
        const box = sandbox();
        box.run(renderKindCreate(east));
        const ok = box.run(renderKindKubeconfig(east));
        expect(ok.status, ok.stderr).to.equal(0);
        expect(ok.stdout).to.contain("server: https://127.0.0.1:40123");
        const moved = box.run(renderKindKubeconfig(east), { KIND_INTERNAL_SERVER: "https://dev-east-external-load-balancer:6443" });
        expect(moved.status).to.equal(1);
        expect(moved.stderr).to.equal(
            "kind cluster dev-east does not serve its API at https://dev-east-control-plane:6443 inside the Docker network\n",
        );
    });
});

describe("KindCluster (mocks graph)", () => {
    let graph: RecordedGraph;
    let cluster: KindCluster | undefined;

    before(async () => {
        graph = await recordProgram(() => {
            cluster = new KindCluster("dev-east", ARGS);
            return { kubeconfig: cluster.kubeconfig, apiServer: cluster.apiServer, incarnation: cluster.incarnation };
        });
        expect(graph.error, String(graph.error)).to.equal(undefined);
    });

    it("takes resolved args as they are (a stack checked the rules once when it loaded): the same resources as from raw args", async () => {
        const resolved = await recordProgram(() =>
            KindCluster.fromResolved("dev-east", { resolved: kindClusterDefaults("dev-east", ARGS) }),
        );
        expect(resolved.error, String(resolved.error)).to.equal(undefined);
        const shape = (of: RecordedGraph) =>
            of.records
                .map((record) =>
                    JSON.stringify([
                        record.type,
                        record.name,
                        record.type === "command:local:Command" ? of.inputsOf(record).create : undefined,
                    ]),
                )
                .sort();
        expect(shape(resolved)).to.deep.equal(shape(graph));
        const raw = await recordProgram(() => new KindCluster("dev-east", { ...ARGS, workers: 99 }));
        expect(String(raw.error)).to.contain("workers = 99 is not a worker count from 0 to 20");
    });

    it("wraps the kind binary in two local commands under the component", () => {
        const component = graph.find("multicluster:kind:KindCluster", "dev-east");
        const create = graph.find("command:local:Command", "dev-east-cluster");
        const kubeconfig = graph.find("command:local:Command", "dev-east-kubeconfig");
        expect([create.parent, kubeconfig.parent]).to.deep.equal([component.urn, component.urn]);
        expect(graph.inputsOf(create)).to.deep.include({
            create: renderKindCreate(east),
            delete: renderKindDelete(east),
            interpreter: ["/bin/bash", "-c"],
        });
        expect(graph.dependsOn(kubeconfig, create)).to.equal(true);
    });

    it("replaces the cluster (deleting first, same name) when its config changes", () => {
        const create = graph.find("command:local:Command", "dev-east-cluster");
        expect(create.options.deleteBeforeReplace).to.equal(true);
        expect((graph.inputsOf(create).triggers as string[])[0]).to.match(/^[0-9a-f]{64}$/);
    });

    it("reads the kubeconfig again whenever the cluster is re-created, even by `pulumi up --replace` with the same config", () => {
        // Its triggers carry the create step's ID: a new kind cluster has a new CA and API port, and a kept kubeconfig
        // step would hand the new provider the old cluster's. The property dependency also puts it in the dependents
        // the engine replaces with the create step's delete-before-replace.
        const create = graph.find("command:local:Command", "dev-east-cluster");
        const kubeconfig = graph.find("command:local:Command", "dev-east-kubeconfig");
        const createId = String(graph.inputsOf(graph.find("pulumi:providers:kubernetes", "dev-east-k8s")).clusterIdentifier).split("@")[1];
        expect(createId).to.match(/^dev-east-cluster-[0-9a-f]{8}$/);
        expect(graph.inputsOf(kubeconfig).triggers).to.include(createId);
        expect(graph.dependsOn(kubeconfig, create)).to.equal(true);
    });

    it("reads the kubeconfig as a secret with logging off and feeds the provider with it", () => {
        const kubeconfig = graph.find("command:local:Command", "dev-east-kubeconfig");
        expect(graph.inputsOf(kubeconfig).logging).to.equal("none");
        expect(kubeconfig.options.additionalSecretOutputs).to.include.members(["stdout", "stderr"]);
        const provider = graph.find("pulumi:providers:kubernetes", "dev-east-k8s");
        expect(graph.isSecretInput(provider, "kubeconfig")).to.equal(true);
        const create = graph.find("command:local:Command", "dev-east-cluster");
        expect(graph.inputsOf(provider).clusterIdentifier).to.match(/^dev-east@dev-east-cluster-[0-9a-f]{8}$/);
        expect(graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs?.incarnation).to.equal(
            graph.inputsOf(provider).clusterIdentifier,
        );
        expect(graph.dependsOn(provider, create)).to.equal(true);
        expect(isSecretValue(graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs?.kubeconfig)).to.equal(true);
        // Docker stopped during a refresh must not drop every in-cluster object from state (see docs/provisioners.md).
        expect(graph.inputsOf(provider)).to.not.have.property("deleteUnreachable");
    });

    it("exposes the in-Docker-network API endpoint for the other clusters", async () => {
        expect(cluster?.internalHost).to.equal("dev-east-control-plane");
        expect(cluster?.endpoint).to.deep.equal({ host: "dev-east-control-plane", port: 6443 });
        expect(cluster?.network).to.deep.equal({ podCidrs: ["10.244.0.0/16"], serviceCidrs: ["10.96.0.0/16"], nodeAddresses: [] });
        expect(cluster?.ready).to.have.length(1);
        expect(await promiseOf(cluster!.ready[0].urn)).to.equal(graph.find("command:local:Command", "dev-east-kubeconfig").urn);
    });
});
