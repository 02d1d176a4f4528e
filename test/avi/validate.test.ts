import { expect } from "chai";
import { ConfigValidationError } from "../../components/shared/validation";
import { parseStackConfig } from "../../stacks/validate";
import { AVI_CASES, avi } from "./validate-cases";
import { simulatePrivateKey, simulateSelfSignedCert } from "../../tools/engine/tls-sim";

function problems(values: Record<string, unknown>, secretKeys: string[] = ["aviPassword"]): string[] {
    try {
        parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys });
        return [];
    } catch (error) {
        return (error as ConfigValidationError).issues.map((found) => found.message);
    }
}

describe("avi validation", () => {
    const table = AVI_CASES;
    it("refuses AKO on a Kubernetes it exits on at start (the pinned 1.36), naming the key that pins it", () => {
        const akoExits =
            "AKO 2.1.1 exits at start on a Kubernetes API server outside 1.29-1.34 (AKO@release-2.1.1 cmd/ako-main/main.go, buildsettings.json), so AKO would never run";
        expect(problems({ ...avi({}), versions: {} })).to.deep.equal([
            "versions.kindNodeImage is missing so the pinned default kindest/node:v1.36.1 makes east, west" +
                ` run Kubernetes 1.36, but ${akoExits}; ` +
                "fix: set versions.kindNodeImage to a kindest/node v1.34 image pinned by digest, or clear ingress.controller.host.",
        ]);
        const kubeadm = [
            {
                name: "east",
                provisioner: "kubeadm",
                podCidr: "10.244.0.0/16",
                serviceCidr: "10.96.0.0/16",
                controlPlanes: [{ host: "192.168.1.10" }],
            },
        ];
        expect(
            problems({ ...avi({}), clusters: kubeadm, versions: { kubernetes: "1.36.1" }, ssh: { user: "ubuntu" } }, [
                "aviPassword",
                "sshPrivateKey",
            ]),
        ).to.deep.equal([
            `versions.kubernetes = "1.36.1" makes east run Kubernetes 1.36, but ${akoExits}; fix: set versions.kubernetes to a 1.34 patch release, e.g. "1.34.0", or clear ingress.controller.host.`,
        ]);
        // Left unset, the key is named with the pinned default it falls back to, never as if the file set it.
        expect(
            problems({ ...avi({}), clusters: kubeadm, versions: {}, ssh: { user: "ubuntu" } }, ["aviPassword", "sshPrivateKey"]),
        ).to.deep.equal([
            `versions.kubernetes is missing so the pinned default 1.36.1 makes east run Kubernetes 1.36, but ${akoExits}; fix: set versions.kubernetes to a 1.34 patch release, e.g. "1.34.0", or clear ingress.controller.host.`,
        ]);
        // AVI off: no aviPassword either (a secret nothing reads is refused as unused).
        expect(problems({ ...avi({ controller: { host: "" } }), versions: {} }, [])).to.deep.equal([]);
    });

    for (const [name, values, expected] of table) {
        it(`rejects ${name}`, () => {
            expect(problems(values)).to.deep.equal(expected);
        });
    }

    it("accepts good values everywhere, the controller's self-signed certificate included", async () => {
        const key = simulatePrivateKey({ algorithm: "ECDSA", ecdsaCurve: "P256" });
        const cert = await simulateSelfSignedCert({
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: "avi.example.com" },
            isCaCertificate: false,
        });
        expect(
            problems(
                avi({
                    controller: {
                        host: "avi.example.com",
                        version: "31.1.1",
                        tenant: "admin",
                        cloudName: "Default-Cloud",
                        serviceEngineGroup: "domain-c8:1ddcbef6-d1c1",
                        caCertificate: cert.certPem,
                    },
                    defaultDomain: "avi.internal",
                    nodeNetworks: [{ name: "node net", cidrs: ["10.10.0.0/24"] }],
                    values: { image: { repository: "registry.example.com:5000/ako/ako" } },
                    gslb: {
                        leader: "east",
                        leaderController: "10.0.0.50",
                        policy: { appSelector: { "example.com/app": "gslb" }, trafficSplit: { east: 5 }, ttl: 10 },
                    },
                }),
            ),
        ).to.deep.equal([]);
    });

    it("rejects a controller without the aviPassword secret before anything is created", () => {
        expect(problems(avi({}), [])).to.deep.equal([
            'aviPassword is missing but ingress.kind "avi" with a controller host (AKO and AMKO log in with it) needs it; fix: set it with `pulumi config set --secret aviPassword`, or clear ingress.controller.host.',
        ]);
    });

    it("checks the values written while AVI is off, not what only a running AVI needs", () => {
        expect(
            problems(
                avi(
                    {
                        controller: { host: "", tenant: "x y " },
                        vipNetworks: [],
                        defaultDomain: "A_B",
                        gslb: { leader: "north", policy: { ttl: 0 } },
                    },
                    { kind: "cilium" },
                ),
                [],
            ),
        ).to.deep.equal([
            "ingress.controller.tenant = \"x y \" is not an AVI object name (letters, digits, '_', '.', ':', '@' or '-', single spaces between words, starting with a letter or digit); fix: write the name exactly as the AVI controller shows it, e.g. \"Default-Cloud\".",
            'ingress.defaultDomain = "A_B" is not a DNS-1123 subdomain (dot-separated lowercase labels of letters, digits and \'-\', at most 253 characters); fix: use a name like "apps.example.com".',
            'ingress.gslb.leader = "north" is not a GSLB member; fix: use one of "east", "west".',
            "ingress.gslb.policy.ttl = 0 is not a GSLB DNS TTL (whole seconds from 1 to 86400); fix: use e.g. 30, or leave it unset to inherit the DNS virtual service's TTL.",
        ]);
    });
});
