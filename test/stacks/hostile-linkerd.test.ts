// Hostile but well-typed Linkerd and MetalLB stack values: every problem in the one config-validation pass, all together.
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { lifetimeIssues } from "../../components/linkerd/certs";
import { demoIssues } from "../../components/linkerd/demo-checks";
import { metallbIssues } from "../../components/metallb/validate";
import { ConfigValidationError } from "../../components/shared/validation";
import { l2PoolWarnings } from "../../stacks/areas/metallb/validate";
import { renderStack } from "../../tools/render";
import { loadStackFile } from "../fixtures/cilium-clusters";

type Values = Record<string, unknown>;
type Edit = (values: Values) => Values;

const projectDir = path.resolve(__dirname, "..", "..");
const DIGEST = "0".repeat(64);

/** The messages config validation reports for a stack file after `edit` (empty when it is valid). */
function problems(stack: string, edit: Edit): string[] {
    try {
        loadStackFile(stack, edit);
        return [];
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigValidationError);
        return (error as ConfigValidationError).issues.map((entry) => entry.message);
    }
}

/** `values` with `mesh` extended by `mesh`. */
const withMesh =
    (mesh: Values): Edit =>
    (values) => ({ ...values, mesh: { ...(values.mesh as Values), ...mesh } });
/** `values` with cluster `index` renamed. */
const renamed =
    (index: number, name: string): Edit =>
    (values) => ({
        ...values,
        clusters: (values.clusters as Values[]).map((cluster, i) => (i === index ? { ...cluster, name } : cluster)),
    });
/** Applies edits in order. */
const all =
    (...edits: Edit[]): Edit =>
    (values) =>
        edits.reduce((acc, edit) => edit(acc), values);
/** A third kind cluster for linkerd-kind, with its own ranges and pool. */
const third: Edit = (values) => ({
    ...values,
    clusters: [
        ...(values.clusters as Values[]),
        {
            name: "kind-north",
            provisioner: "kind",
            podCidr: "10.248.0.0/16",
            serviceCidr: "10.100.0.0/16",
            workers: 1,
            loadBalancerPools: ["172.18.0.81-172.18.0.90"],
        },
    ],
});

const STABLE =
    'versions.linkerd = "2.14.10" is not a Linkerd edge chart version (YYYY.M.N, e.g. 2026.8.3 for edge-26.8.3); fix: use the chart version of an edge release; stable 2.x chart versions are not supported.';
const NOWHERE = 'mesh.links[0].to = "kind-nowhere" is not the name of a cluster in this stack; fix: use one of "kind-east", "kind-west".';
const OUTLIVES =
    "mesh.trust.issuerValidityHours = 1000 outlives the trust anchor (100 h); fix: keep issuers shorter-lived than the anchor they chain to.";
const SPLIT_NAME =
    "clusters[1].name = \"split\" makes the demo's mirror name podinfo-split, which the demo's split Service already has in every cluster that mirrors it; fix: rename the cluster, or turn mesh.demo off.";

/** Hostile edits of the seed stacks, each with the exact sentences config validation must report. */
const cases: { name: string; stack?: string; edit: Edit; messages: string[] }[] = [
    {
        name: "an issuer that outlives the anchor, and the default early renewal longer than the issuer",
        edit: withMesh({ trust: { anchorValidityHours: 100, issuerValidityHours: 1000 } }),
        messages: [
            OUTLIVES,
            "mesh.trust.issuerValidityHours = 1000 is not longer than the issuers' default early renewal (mesh.trust.issuerRenewBeforeHours 1440 h), so every pulumi up would re-issue them; fix: set mesh.trust.issuerRenewBeforeHours below 1000, e.g. 500, or lengthen the issuers.",
        ],
    },
    {
        name: "an early renewal longer than the issuer lifetime",
        edit: withMesh({ trust: { issuerValidityHours: 24, issuerRenewBeforeHours: 48 } }),
        messages: [
            "mesh.trust.issuerRenewBeforeHours = 48 is not less than the issuer lifetime (24 h), so every pulumi up would re-issue the issuers; fix: use fewer hours than the issuer lifetime, e.g. 12.",
        ],
    },
    {
        name: "an early renewal equal to the default issuer lifetime",
        edit: withMesh({ trust: { issuerRenewBeforeHours: 8760 } }),
        messages: [
            "mesh.trust.issuerRenewBeforeHours = 8760 is not less than the issuer lifetime (8760 h), so every pulumi up would re-issue the issuers; fix: use fewer hours than the issuer lifetime, e.g. 1440 (Linkerd warns 60 days before expiry).",
        ],
    },
    {
        name: "an anchor shorter than the default issuer lifetime",
        edit: withMesh({ trust: { anchorValidityHours: 100 } }),
        messages: [
            "mesh.trust.anchorValidityHours = 100 is shorter than the issuers' default lifetime (mesh.trust.issuerValidityHours 8760 h), so they would outlive the anchor they chain to; fix: set mesh.trust.issuerValidityHours below 100, or lengthen the anchor.",
        ],
    },
    {
        name: "an anchor lifetime the tls provider cannot compute, beside an independent renewal problem",
        edit: withMesh({ trust: { anchorValidityHours: 3000000, issuerValidityHours: 24, issuerRenewBeforeHours: 24 } }),
        messages: [
            "mesh.trust.anchorValidityHours = 3000000 is more than 2562047 hours (about 292 years), the longest lifetime the tls provider can compute; fix: use at most 2562047, e.g. 87600.",
            "mesh.trust.issuerRenewBeforeHours = 24 is not less than the issuer lifetime (24 h), so every pulumi up would re-issue the issuers; fix: use fewer hours than the issuer lifetime, e.g. 12.",
        ],
    },
    {
        name: "a trust problem, a stable chart version and a link to an unknown cluster, all together",
        edit: all(
            withMesh({
                trust: { anchorValidityHours: 100, issuerValidityHours: 1000, issuerRenewBeforeHours: 10 },
                links: [{ from: "kind-east", to: "kind-nowhere" }],
            }),
            (values) => ({ ...values, versions: { linkerd: "2.14.10" } }),
        ),
        messages: [NOWHERE, STABLE, OUTLIVES],
    },
    {
        name: "a chart version with month 13",
        edit: (values) => ({ ...values, versions: { linkerd: "2026.13.1" } }),
        messages: [
            'versions.linkerd = "2026.13.1" is not a Linkerd edge chart version (YYYY.M.N, e.g. 2026.8.3 for edge-26.8.3); fix: use the chart version of an edge release; stable 2.x chart versions are not supported.',
        ],
    },
    {
        name: "a cluster named split, whose podinfo mirror is the demo's split Service",
        edit: renamed(1, "split"),
        messages: [SPLIT_NAME],
    },
    {
        name: "a cluster named split that two clusters mirror: one sentence",
        edit: all(third, renamed(1, "split")),
        messages: [SPLIT_NAME],
    },
    {
        name: "a link to itself, a duplicate link and an unknown gateway key, with the demo on",
        edit: withMesh({
            links: [
                { from: "kind-east", to: "kind-east" },
                { from: "kind-west", to: "kind-east" },
                { from: "kind-west", to: "kind-east" },
            ],
            gatewayIps: { "kind-south": "172.18.0.65" },
        }),
        messages: [
            'mesh.links[0].to = "kind-east" is the same cluster as from; fix: link two different clusters.',
            'mesh.links[2] = {"from":"kind-west","to":"kind-east"} is listed twice; fix: list each ordered pair once.',
            'mesh.gatewayIps.kind-south = "kind-south" is not the name of a cluster in this stack; fix: use one of "kind-east", "kind-west".',
        ],
    },
    {
        name: "an empty link list",
        edit: withMesh({ links: [] }),
        messages: [
            "mesh.links = [] links no clusters, so no cluster would mirror another; fix: remove mesh.links to link every ordered pair, or list the pairs.",
        ],
    },
    {
        name: "a gateway address inside the other cluster's pool",
        edit: withMesh({ gatewayIps: { "kind-east": "172.18.0.75" } }),
        messages: [
            'mesh.gatewayIps.kind-east = "172.18.0.75" is outside the cluster\'s loadBalancerPools (172.18.0.61-172.18.0.70), so no load balancer will assign it; fix: pick an address inside a pool, e.g. "172.18.0.70".',
        ],
    },
    {
        name: "a kind node image of an old Kubernetes: the image as written, and the version in it",
        edit: (values) => ({ ...values, versions: { kindNodeImage: `kindest/node:v1.27.3@sha256:${DIGEST}` } }),
        messages: [
            `versions.kindNodeImage = "kindest/node:v1.27.3@sha256:00000000000000000000000000000000"... (92 characters) runs Kubernetes 1.27.3, older than 1.31.0, which the pinned Linkerd charts require; fix: use a kindest/node image of Kubernetes 1.31.0 or newer, pinned by digest.`,
        ],
    },
    {
        name: "MetalLB values that turn off the speaker and the controller",
        edit: (values) => ({
            ...values,
            loadBalancer: { kind: "metallb", values: { speaker: { enabled: false }, controller: { enabled: false } } },
        }),
        messages: [
            "loadBalancer.values.controller.enabled = false turns off MetalLB's controller, which assigns the pools' addresses to Services, so no LoadBalancer address would work; fix: remove loadBalancer.values.controller.enabled.",
            "loadBalancer.values.speaker.enabled = false turns off MetalLB's speaker, which announces the assigned addresses on the node network (L2), so no LoadBalancer address would work; fix: remove loadBalancer.values.speaker.enabled.",
        ],
    },
    {
        name: "Cilium socket LB in pods beside a gateway address for an unknown cluster",
        stack: "linkerd-cilium",
        edit: all(
            (values) => ({ ...values, cni: { ...(values.cni as Values), values: {} } }),
            withMesh({ gatewayIps: { "lc-south": "172.18.255.169" } }),
        ),
        messages: [
            'mesh.gatewayIps.lc-south = "lc-south" is not the name of a cluster in this stack; fix: use one of "lc-east", "lc-west".',
            "cni.values.socketLB.hostNamespaceOnly is missing but with kubeProxyReplacement Cilium resolves Services in the pods' sockets, so Linkerd cannot route or split them; fix: set cni.values.socketLB.hostNamespaceOnly: true.",
        ],
    },
];

describe("hostile Linkerd and MetalLB stack values", () => {
    for (const entry of cases) {
        it(`rejects ${entry.name}`, () => {
            expect(problems(entry.stack ?? "linkerd-kind", entry.edit)).to.deep.equal(entry.messages);
        });
    }

    it("accepts what only looks like the clashes: split with the demo off, split mirrored by nobody, long lifetimes in order", () => {
        expect(problems("linkerd-kind", all(renamed(1, "split"), withMesh({ demo: false })))).to.deep.equal([]);
        expect(problems("linkerd-kind", all(renamed(1, "split"), withMesh({ links: [{ from: "split", to: "kind-east" }] })))).to.deep.equal(
            [],
        );
        expect(
            problems(
                "linkerd-kind",
                withMesh({ trust: { anchorValidityHours: 2562047, issuerValidityHours: 2562047, issuerRenewBeforeHours: 0 } }),
            ),
        ).to.deep.equal([]);
    });

    it("leaves the components their own checks, with the same sentences at the components' paths", () => {
        const messages = (found: readonly { message: string }[]) => found.map((entry) => entry.message);
        expect(messages(lifetimeIssues({ issuerValidityHours: 24, issuerRenewBeforeHours: 48 }))).to.deep.equal([
            "issuerRenewBeforeHours = 48 is not less than the issuer lifetime (24 h), so every pulumi up would re-issue the issuers; fix: use fewer hours than the issuer lifetime, e.g. 12.",
        ]);
        expect(messages(demoIssues("east", ["split", "West"]))).to.deep.equal([
            "peers[0] = \"split\" makes the demo's mirror name podinfo-split, which the demo's split Service already has in every cluster that mirrors it; fix: rename the cluster.",
            'peers[1] = "West" makes the demo\'s mirror name podinfo-West, which is not a DNS-1123 label; fix: use a lowercase DNS-1123 label as the cluster name.',
        ]);
        expect(messages(metallbIssues(["172.18.0.61-172.18.0.70"], [], { speaker: { enabled: false } }))).to.deep.equal([
            "values.speaker.enabled = false turns off MetalLB's speaker, which announces the assigned addresses on the node network (L2), so no LoadBalancer address would work; fix: remove values.speaker.enabled.",
        ]);
    });

    it("registers nothing for a trust problem: the render fails in config validation with one sentence and no stack trace", async () => {
        const file = yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.linkerd-kind.yaml"), "utf8")) as { config: Values };
        const mesh = { ...(file.config["multicluster:mesh"] as Values), trust: { issuerValidityHours: 24, issuerRenewBeforeHours: 48 } };
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-linkerd-"));
        fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, "Pulumi.scratch.yaml"), yaml.dump({ config: { ...file.config, "multicluster:mesh": mesh } }));
        fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(projectDir, "index.ts"))});\n`);
        const result = await renderStack({ projectDir: dir, stack: "scratch", showSecrets: false });
        expect(result.plan.resources.map((resource) => resource.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
        // The program runs in its own module context: the error is a ConfigValidationError by name, not by this module's class.
        expect((result.run.error as Error | undefined)?.name).to.equal("ConfigValidationError");
        expect((result.run.error as ConfigValidationError).issues.map((entry) => entry.message)).to.deep.equal([
            "mesh.trust.issuerRenewBeforeHours = 48 is not less than the issuer lifetime (24 h), so every pulumi up would re-issue the issuers; fix: use fewer hours than the issuer lifetime, e.g. 12.",
        ]);
    });
});

describe("L2 pools off the node network (warning)", () => {
    const kubeadm = (pools: string[]) => (values: Values) => ({
        ...values,
        cni: { kind: "none" },
        mesh: { kind: "none" },
        ingress: { kind: "none" },
        loadBalancer: { kind: "metallb" },
        clusters: [
            {
                name: "k8s-01",
                provisioner: "kubeadm",
                podCidr: "10.118.96.0/22",
                serviceCidr: "10.228.96.0/22",
                controlPlanes: [{ host: "192.168.110.11" }],
                workers: [{ host: "192.168.110.12" }, { host: "192.168.110.13" }, { host: "192.168.110.14" }],
                loadBalancerPools: pools,
            },
        ],
    });

    it("warns for a kubeadm pool that shares no /24 with any node, and not for one reaching into the nodes' /24 or for kind", () => {
        expect(l2PoolWarnings(loadStackFile("linkerd-kind", kubeadm(["10.250.0.0/28", "192.168.110.200-192.168.110.220"])))).to.deep.equal([
            'clusters[0].loadBalancerPools[0] = "10.250.0.0/28" shares no /24 with the cluster\'s node addresses (192.168.110.11, 192.168.110.12, 192.168.110.13, ...): ' +
                "L2 announcements (ARP/NDP) reach only the nodes' own network segment, so these addresses answer only if that network is routed to the nodes; " +
                "use free addresses of the node network, or ignore this if the node subnet is wider than /24 or the pool is routed.",
        ]);
        expect(l2PoolWarnings(loadStackFile("linkerd-kind", kubeadm(["192.168.110.240-192.168.111.10"])))).to.deep.equal([]);
        expect(l2PoolWarnings(loadStackFile("linkerd-kind"))).to.deep.equal([]);
    });
});
