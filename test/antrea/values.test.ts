import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { escapeHatchIssues } from "../../components/antrea/chart-keys";
import { AntreaSettings } from "../../components/antrea/types";
import { validateAntreaSettings } from "../../components/antrea/validate";
import { DEFAULT_ANTREA_SETTINGS, antreaValues } from "../../components/antrea/values";
import { toYaml } from "../../components/shared/yaml";
import { expectGolden } from "../golden";
import { valueLeaves } from "../../components/shared/values-merge";

/** Every key path of the chart's values.yaml at v2.7.0. */
const chartPaths = new Set(
    fs
        .readFileSync(path.join(__dirname, "fixtures", "antrea-values-paths-2.7.0.txt"), "utf8")
        .split("\n")
        .filter((line) => line && !line.startsWith("#")),
);

/** Gates the chart's conf templates render at v2.7.0 (agent and controller `featureGate` helper calls). */
const renderedGates = ["Traceflow", "AntreaPolicy", "FlowExporter", "Egress", "Multicluster"];

/** Dotted leaf paths of rendered values, by the library's own walker (arrays and empty maps are leaves). */
function leafPaths(values: object): string[] {
    return valueLeaves(values as Readonly<Record<string, unknown>>).map(({ keys }) => keys.join("."));
}

/** Seed 000's intent as typed settings. */
const seedSettings: AntreaSettings = {
    ...DEFAULT_ANTREA_SETTINGS,
    nodePortLocal: { enable: true, portRange: "61000-62000" },
    flowExporter: { enable: true, collectorAddress: "flow-aggregator/flow-aggregator:14739:grpc" },
};
const agent = { podToPod: true, stretchedNetworkPolicy: true, trafficEncryption: "none" as const };

describe("antrea values", () => {
    it("renders a ClusterSet member's values for seed 000's intent (golden)", () => {
        expectGolden("antrea/values-member.yaml", toYaml(antreaValues({ settings: seedSettings, multicluster: agent })));
    });

    it("renders a standalone cluster without kube-proxy: no Multicluster gate, proxyAll and the API override (golden)", () => {
        const values = antreaValues({ settings: DEFAULT_ANTREA_SETTINGS, kubeApiServer: { host: "fd00::10", port: 6443 } });
        expect(values).not.to.have.property("multicluster");
        expect(values.featureGates).not.to.have.property("Multicluster");
        expect(values.kubeAPIServerOverride).to.equal("[fd00::10]:6443");
        expectGolden("antrea/values-standalone-no-kube-proxy.yaml", toYaml(values));
    });

    it("sets only keys the 2.7.0 chart reads, and only gates it renders", () => {
        const values = antreaValues({ settings: seedSettings, multicluster: agent, kubeApiServer: { host: "10.0.0.1", port: 6443 } });
        const unknown = leafPaths(values).filter((key) => !key.startsWith("featureGates.") && !chartPaths.has(key));
        expect(unknown, "keys missing from values.yaml").to.deep.equal([]);
        expect(Object.keys(values.featureGates).filter((gate) => !renderedGates.includes(gate))).to.deep.equal([]);
        expect(values).not.to.have.property("image");
    });

    it("renders the cross-cluster WireGuard port only when it is set (chart multicluster.wireGuard.port, v2.7.0 default 51821)", () => {
        const encrypted = { podToPod: false, stretchedNetworkPolicy: false, trafficEncryption: "wireGuard" as const };
        expect(antreaValues({ settings: DEFAULT_ANTREA_SETTINGS, multicluster: encrypted }).multicluster).not.to.have.property("wireGuard");
        const values = antreaValues({ settings: DEFAULT_ANTREA_SETTINGS, multicluster: { ...encrypted, wireGuardPort: 51900 } });
        expect(values.multicluster?.wireGuard).to.deep.equal({ port: 51900 });
        expect(leafPaths(values).filter((key) => !key.startsWith("featureGates.") && !chartPaths.has(key))).to.deep.equal([]);
    });

    it("merges the escape hatch last", () => {
        const values = antreaValues({
            settings: { ...DEFAULT_ANTREA_SETTINGS, values: { logVerbosity: 2, agent: { dnsPolicy: "ClusterFirst" } } },
        });
        expect(values).to.deep.include({ logVerbosity: 2 });
        expect(values.agent).to.deep.equal({ enablePrometheusMetrics: true, dnsPolicy: "ClusterFirst" });
    });
});

describe("antrea escape hatch", () => {
    const check = (values: Record<string, unknown>, version = "2.7.0") =>
        escapeHatchIssues(values, { path: "cni.values", version }).map((found) => found.message);

    const refused: [string, Record<string, unknown>, string][] = [
        [
            "the seed's multicluster.enable",
            { multicluster: { enable: true } },
            "cni.values.multicluster.enable = true is a key the antrea chart never reads, so it would be ignored silently; fix: use mesh.kind: antrea-multicluster (the chart key is multicluster.enableGateway; the agent option multicluster.enable was removed in Antrea 2.0).",
        ],
        [
            "the seed's featureGates.TraceFlow",
            { featureGates: { TraceFlow: true } },
            "cni.values.featureGates.TraceFlow = true is not a feature gate the antrea 2.7.0 chart renders, so it would be dropped silently; fix: write it as Traceflow.",
        ],
        [
            "the seed's featureGates.AntreaProxy",
            { featureGates: { AntreaProxy: true } },
            "cni.values.featureGates.AntreaProxy = true is a key the antrea chart never reads, so it would be ignored silently; fix: use nothing: AntreaProxy is GA and always on (its gate left the chart in Antrea 2.5).",
        ],
        [
            "the seed's featureGates.NodePortLocal",
            { featureGates: { NodePortLocal: true } },
            "cni.values.featureGates.NodePortLocal = true is a key the antrea chart never reads, so it would be ignored silently; fix: use cni.nodePortLocal.enable (the gate left the chart in Antrea 2.5).",
        ],
        [
            "the seed's top-level enablePrometheusMetrics",
            { enablePrometheusMetrics: true },
            "cni.values.enablePrometheusMetrics = true is a key the antrea chart never reads, so it would be ignored silently; fix: use cni.prometheusMetrics (the chart keys are agent.enablePrometheusMetrics and controller.enablePrometheusMetrics).",
        ],
        [
            "the seed's image.tag",
            { image: { tag: "v1.11.1" } },
            'cni.values.image.tag = "v1.11.1" is a key the antrea chart never reads, so it would be ignored silently; fix: use agentImage.tag and controllerImage.tag (a non-empty legacy `image` map switches the chart to repository:tag and breaks the image with `image.tag` alone).',
        ],
        [
            "the Multicluster gate",
            { featureGates: { Multicluster: false } },
            "cni.values.featureGates.Multicluster = false overrides a value the project renders from a first-class setting; fix: set mesh.kind: antrea-multicluster (every ClusterSet member gets the gate) instead.",
        ],
        [
            "any multicluster key",
            { multicluster: { namespace: "other" } },
            'cni.values.multicluster.namespace = "other" overrides a value the project renders from a first-class setting; fix: set mesh (kind antrea-multicluster), which sets the gateway and the member namespace instead.',
        ],
        [
            "the Pod-to-Pod switch",
            { multicluster: { enablePodToPodConnectivity: false } },
            "cni.values.multicluster.enablePodToPodConnectivity = false overrides a value the project renders from a first-class setting; fix: set mesh.podToPod instead.",
        ],
        [
            "trafficEncapMode",
            { trafficEncapMode: "noEncap" },
            'cni.values.trafficEncapMode = "noEncap" overrides a value the project renders from a first-class setting; fix: set cni.trafficEncapMode instead.',
        ],
        [
            "a NodePortLocal key",
            { nodePortLocal: { portRange: "40000-41000" } },
            'cni.values.nodePortLocal.portRange = "40000-41000" overrides a value the project renders from a first-class setting; fix: set cni.nodePortLocal instead.',
        ],
        [
            "a whole owned map replaced by a scalar",
            { featureGates: null },
            "cni.values.featureGates = null replaces a map that holds values the project renders (featureGates.Multicluster, featureGates.Egress, featureGates.AntreaPolicy, featureGates.Traceflow, featureGates.FlowExporter); fix: set single keys under it instead.",
        ],
        [
            "a dotted key, quoted in its path with its value shown",
            { "a.b": 1 },
            'cni.values["a.b"] = 1 is not a key of the antrea 2.7.0 chart, which would ignore it silently; fix: remove it, or use a key from the chart\'s values.yaml.',
        ],
        [
            "a dotted key spelling an owned path, which the chart reads as no path at all",
            { "featureGates.Egress": true },
            'cni.values["featureGates.Egress"] = true is not a key of the antrea 2.7.0 chart, which would ignore it silently; fix: remove it, or use a key from the chart\'s values.yaml.',
        ],
        [
            "an agent image tag that is no tag",
            { agentImage: { tag: "$(id)" } },
            "cni.values.agentImage.tag = \"$(id)\" is not an image tag (at most 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'); fix: write it like \"v1.2.3\".",
        ],
        [
            "a controller image repository with credentials, never shown",
            { controllerImage: { repository: "u:pw@registry.example.com/antrea/controller" } },
            'cni.values.controllerImage.repository = "[not shown]@registry.example.com/antrea/controller" carries credentials (user:password@), which would be stored and printed in clear; fix: remove user:password@ and give the credentials as a secret setting.',
        ],
        [
            "a key the chart does not have",
            { multicast: { enable: true }, whereabouts: { enable: true } },
            "cni.values.whereabouts.enable = true is not a key of the antrea 2.7.0 chart, which would ignore it silently; fix: remove it, or use a key from the chart's values.yaml.",
        ],
    ];
    for (const [name, values, message] of refused) {
        it(`refuses ${name} in one sentence naming the key and the setting`, () => {
            expect(check(values)).to.deep.equal([message]);
        });
    }

    it("accepts chart keys the project does not own", () => {
        expect(
            check({
                logVerbosity: 2,
                egress: { exceptCIDRs: ["10.0.0.0/8"] },
                featureGates: { L7NetworkPolicy: true },
                agent: { dnsPolicy: "" },
            }),
        ).to.deep.equal([]);
    });

    it("checks unknown keys only against the chart version the lists were read from", () => {
        expect(check({ whereabouts: { enable: true } }, "2.6.3")).to.deep.equal([]);
        expect(check({ multicluster: { enable: true } }, "2.6.3")).to.have.length(1);
    });

    it("checks the NodePortLocal range and the collector address", () => {
        const settings = {
            ...DEFAULT_ANTREA_SETTINGS,
            nodePortLocal: { enable: true, portRange: "62000-61000" },
            flowExporter: { enable: true, collectorAddress: " " },
        };
        expect(validateAntreaSettings(settings, { path: "cni", version: "2.7.0" }).map((found) => found.path)).to.deep.equal([
            "cni.nodePortLocal.portRange",
            "cni.flowExporter.collectorAddress",
        ]);
    });
});
