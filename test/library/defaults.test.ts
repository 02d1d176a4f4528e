// The library's defaults: "auto" kind ranges, Cilium and Antrea settings merged over their defaults, and complete
// settings (what the stack layer passes) going through unchanged.
import { expect } from "chai";
import { DEFAULT_ANTREA_SETTINGS, DEFAULT_MULTICLUSTER_AGENT, resolveAntreaSettings } from "../../components/antrea/values";
import { CiliumSettings, DEFAULT_CILIUM_SETTINGS, resolveCiliumSettings } from "../../components/cilium/types";
import { withAutoCidrs } from "../../components/kind/auto-cidrs";
import { kindClusterDefaults, kindClusterIssues, kindConfig, resolveKindCluster } from "../../components/kind/config";
import { AUTO_NETWORK } from "../../components/network/allocator";
import { ConfigValidationError } from "../../components/shared/validation";
import { withDefaults } from "../../components/shared/defaults";
import { networkSchema } from "../../stacks/config/schema/common";

describe("library defaults", () => {
    describe('KindCluster "auto" ranges', () => {
        it('gives one cluster the first /16 and /20 of the stack\'s auto pool, absent or "auto" alike', () => {
            const first = { podCidr: "10.64.0.0/16", serviceCidr: "10.65.0.0/20" };
            expect(withAutoCidrs({})).to.deep.equal(first);
            expect(withAutoCidrs({ podCidr: "auto", serviceCidr: "auto" })).to.deep.equal(first);
            expect(networkSchema.parse({})).to.deep.equal(AUTO_NETWORK);
        });

        it("keeps an auto range clear of the explicit one", () => {
            expect(withAutoCidrs({ podCidr: "10.64.0.0/12" })).to.deep.equal({ podCidr: "10.64.0.0/12", serviceCidr: "10.80.0.0/20" });
            expect(withAutoCidrs({ serviceCidr: "10.64.0.0/20" }).podCidr).to.equal("10.65.0.0/16");
            expect(withAutoCidrs({ podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16" })).to.deep.equal({
                podCidr: "10.244.0.0/16",
                serviceCidr: "10.96.0.0/16",
            });
        });

        it('accepts the "auto" its own CIDR message suggests, in the checks, the defaults and the component path', () => {
            const broken = kindClusterIssues("auto-test", { podCidr: "10.244.0.0", serviceCidr: "auto" }).map((found) => found.message);
            expect(broken).to.deep.equal([
                'podCidr = "10.244.0.0" is not a CIDR; fix: write it as address/prefix, e.g. "10.1.0.0/16", or "auto".',
            ]);
            expect(kindClusterIssues("auto-test", { podCidr: "auto", serviceCidr: "auto" })).to.deep.equal([]);
            expect(kindClusterDefaults("auto-test", {})).to.include({ podCidr: "10.64.0.0/16", serviceCidr: "10.65.0.0/20" });
            expect(kindConfig(resolveKindCluster("auto-test", { podCidr: "auto" })).networking).to.include({
                podSubnet: "10.64.0.0/16",
                serviceSubnet: "10.65.0.0/20",
            });
            expect(() => resolveKindCluster("Bad_Name", { podCidr: "auto" })).to.throw(ConfigValidationError, /\(1 problem\)/);
        });
    });

    describe("settings", () => {
        const complete: CiliumSettings = {
            kubeProxyReplacement: true,
            routingMode: "native",
            tunnelProtocol: "geneve",
            encryption: "wireguard",
            hubble: false,
            ingressController: true,
            l2Announcements: true,
            nativeRoutes: "provided",
            values: { debug: { enabled: true } },
        };

        it("passes complete Cilium and Antrea settings (the stack layer's) through unchanged", () => {
            expect(resolveCiliumSettings(complete)).to.deep.equal(complete);
            const antrea = { ...DEFAULT_ANTREA_SETTINGS, trafficEncapMode: "noEncap" as const, egress: false, values: { a: 1 } };
            expect(resolveAntreaSettings(antrea)).to.deep.equal(antrea);
        });

        it("fills what a library user leaves out, an explicit undefined included", () => {
            expect(resolveCiliumSettings(undefined)).to.deep.equal(DEFAULT_CILIUM_SETTINGS);
            expect(resolveCiliumSettings({ hubble: undefined, routingMode: "native" })).to.deep.equal({
                ...DEFAULT_CILIUM_SETTINGS,
                routingMode: "native",
            });
            expect(resolveAntreaSettings({ egress: false })).to.deep.equal({ ...DEFAULT_ANTREA_SETTINGS, egress: false });
            expect(withDefaults(DEFAULT_MULTICLUSTER_AGENT, { podToPod: true })).to.deep.equal({
                podToPod: true,
                stretchedNetworkPolicy: false,
                trafficEncryption: "none",
            });
        });
    });
});
