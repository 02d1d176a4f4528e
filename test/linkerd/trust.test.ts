import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { expect } from "chai";
import * as crypto from "crypto";
import { LinkerdTrust } from "../../components/linkerd/trust";
import { anchorLifetimeProblem, expiresWithin, issuedHours, validateTrust, DEFAULT_LIFETIMES } from "../../components/linkerd/certs";
import { simulateSelfSignedCert } from "../../tools/engine/tls-sim";
import { generatePrivateKey, privateKeyPem } from "../../tools/engine/keys";
import { ConfigValidationError } from "../../components/shared/validation";
import { RecordedResource } from "../../tools/engine/recorder";
import { SimulationState } from "../../tools/engine/state";
import { isSecretValue, unwrapSecrets } from "../../tools/engine/secret-values";
import { recordProgram } from "../mocks";
import { linkerdValues, parseValues, plainInputs, runLayersWithState } from "./helpers";

x509.cryptoProvider.set(crypto.webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const RELEASE = "kubernetes:helm.sh/v3:Release";
const HOUR = 3600_000;

/** The trust material a control-plane release carries: anchor, issuer certificate and key (plain). */
function controlPlaneTrust(records: readonly RecordedResource[], cluster: string): { anchor: string; cert: string; key: string } {
    const release = records.find((record) => record.type === RELEASE && record.name === `linkerd-${cluster}-control-plane`)!;
    const values = plainInputs(release).values;
    return { anchor: values.identityTrustAnchorsPEM, cert: values.identity.issuer.tls.crtPEM, key: values.identity.issuer.tls.keyPEM };
}

/** What Linkerd's identity controller and `linkerd check` require of a CA certificate (issuercerts.go, tls/ca.go). */
function expectLinkerdCa(pem: string, validityHours: number): x509.X509Certificate {
    const node = new crypto.X509Certificate(pem);
    expect(node.ca, "CA flag").to.equal(true);
    expect(node.publicKey.asymmetricKeyType).to.equal("ec");
    expect(node.publicKey.asymmetricKeyDetails?.namedCurve, "ECDSA P-256").to.equal("prime256v1");
    const cert = new x509.X509Certificate(pem);
    expect(cert.signatureAlgorithm).to.deep.include({ name: "ECDSA", hash: { name: "SHA-256" } });
    const usages = cert.getExtension(x509.KeyUsagesExtension)!.usages;
    expect(usages & x509.KeyUsageFlags.keyCertSign, "cert sign").to.not.equal(0);
    expect(usages & x509.KeyUsageFlags.cRLSign, "CRL sign").to.not.equal(0);
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).to.equal(validityHours * HOUR);
    expect(cert.notBefore.getTime()).to.be.at.most(Date.now());
    return cert;
}

describe("LinkerdTrust", () => {
    it("issues an ECDSA P-256 anchor and per-cluster issuers that Linkerd accepts (real engine certificates)", async () => {
        const graph = await recordProgram(() => {
            const trust = new LinkerdTrust("trust", { clusters: ["east", "west"] });
            return {
                anchor: trust.anchorPem,
                east: trust.issuers.east.certPem,
                west: trust.issuers.west.certPem,
                key: trust.issuers.east.keyPem,
            };
        });
        expect(graph.error).to.equal(undefined);
        const wire = graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs ?? {};
        const outputs = unwrapSecrets(wire) as Record<string, string>;
        const anchor = expectLinkerdCa(outputs.anchor, 87600);
        expect(anchor.subject).to.equal("CN=root.linkerd.cluster.local");
        for (const cluster of ["east", "west"]) {
            const issuer = expectLinkerdCa(outputs[cluster], 8760);
            expect(issuer.subject).to.equal("CN=identity.linkerd.cluster.local");
            expect(issuer.issuer).to.equal(anchor.subject);
            expect(
                new crypto.X509Certificate(outputs[cluster]).verify(new crypto.X509Certificate(outputs.anchor).publicKey),
                `${cluster} chains to the anchor`,
            ).to.equal(true);
            expect(issuer.notAfter.getTime()).to.be.below(anchor.notAfter.getTime());
        }
        expect(outputs.east).to.not.equal(outputs.west);
        expect(new crypto.X509Certificate(outputs.east).checkPrivateKey(crypto.createPrivateKey(outputs.key))).to.equal(true);
        expect(isSecretValue(wire.key), "the issuer key stays secret").to.equal(true);
        expect(isSecretValue(wire.anchor)).to.equal(false);
        const issuerCert = graph.find("tls:index/locallySignedCert:LocallySignedCert", "trust-east-issuer");
        expect(graph.inputsOf(issuerCert)).to.deep.include({
            isCaCertificate: true,
            allowedUses: ["cert_signing", "crl_signing"],
            earlyRenewalHours: 1440,
        });
    });

    it("gives every cluster's control plane the same anchor and its own issuer chaining to it", async () => {
        const records = await runLayersWithState(parseValues(linkerdValues(2)), new SimulationState());
        const [c1, c2] = [controlPlaneTrust(records, "c1"), controlPlaneTrust(records, "c2")];
        expect(c1.anchor).to.equal(c2.anchor);
        expect(c1.cert).to.not.equal(c2.cert);
        for (const trust of [c1, c2]) {
            expect(new crypto.X509Certificate(trust.cert).verify(new crypto.X509Certificate(trust.anchor).publicKey)).to.equal(true);
            expect(new crypto.X509Certificate(trust.cert).checkPrivateKey(crypto.createPrivateKey(trust.key))).to.equal(true);
            expect(crypto.createPrivateKey(trust.key).export({ type: "sec1", format: "pem" }).toString()).to.contain(
                "BEGIN EC PRIVATE KEY",
            );
        }
        const release = records.find((record) => record.type === RELEASE && record.name === "linkerd-c1-control-plane")!;
        const wireValues = release.inputs.values as Record<string, any>;
        const keyPem = isSecretValue(wireValues)
            ? (wireValues.value as Record<string, any>).identity.issuer.tls.keyPEM
            : wireValues.identity.issuer.tls.keyPEM;
        expect(isSecretValue(wireValues) || isSecretValue(keyPem), "the values carry the issuer key as a secret").to.equal(true);
    });

    it("rotates an issuer with a plain `up`: a new certificate under the same anchor, the release updated in place", async () => {
        const state = new SimulationState();
        const before = await runLayersWithState(parseValues(linkerdValues(2)), state);
        const after = await runLayersWithState(
            parseValues(linkerdValues(2, { mesh: { kind: "linkerd", demo: true, trust: { issuerValidityHours: 4380 } } })),
            state,
        );
        const [old, rotated] = [controlPlaneTrust(before, "c1"), controlPlaneTrust(after, "c1")];
        expect(rotated.anchor).to.equal(old.anchor);
        expect(rotated.cert).to.not.equal(old.cert);
        expect(rotated.key).to.equal(old.key);
        expect(new crypto.X509Certificate(rotated.cert).verify(new crypto.X509Certificate(rotated.anchor).publicKey)).to.equal(true);
        const urn = (records: readonly RecordedResource[]) => records.find((record) => record.name === "linkerd-c1-control-plane")!.urn;
        expect(urn(after)).to.equal(urn(before));
    });

    it("rejects lifetimes Linkerd cannot live with, naming each", () => {
        expect(
            validateTrust(["a", "a"], { anchorValidityHours: 100, issuerValidityHours: 200, issuerRenewBeforeHours: 300 }).map(
                (found) => found.message,
            ),
        ).to.deep.equal([
            "issuerValidityHours = 200 outlives the trust anchor (100 h); fix: keep issuers shorter-lived than the anchor they chain to.",
            "issuerRenewBeforeHours = 300 is not less than the issuer lifetime (200 h), so every pulumi up would re-issue the issuers; fix: use fewer hours than the issuer lifetime, e.g. 100.",
            'clusters[1] = "a" is listed twice; fix: list each cluster once.',
        ]);
        expect(validateTrust(["a"], DEFAULT_LIFETIMES)).to.deep.equal([]);
        expect(() => new LinkerdTrust("t", { clusters: [], anchorValidityHours: 0 })).to.throw(
            ConfigValidationError,
            /anchorValidityHours = 0 is not a positive whole number/,
        );
    });

    it("never replaces the anchor on a config edit (R2): its lifetime is ignored after creation, and a different one is refused", async () => {
        const graph = await recordProgram(
            () => new LinkerdTrust("trust", { clusters: ["east"], anchorValidityKey: "mesh.trust.anchorValidityHours" }),
        );
        expect(graph.error).to.equal(undefined);
        expect(graph.find("tls:index/selfSignedCert:SelfSignedCert", "trust-anchor").options.ignoreChanges).to.deep.equal([
            "validityPeriodHours",
        ]);
        expect(
            graph.find("tls:index/locallySignedCert:LocallySignedCert", "trust-east-issuer").options.ignoreChanges,
            "issuers do rotate",
        ).to.deep.equal([]);
        const anchor = await caCertificate(87600);
        expect(issuedHours(anchor)).to.equal(87600);
        expect(anchorLifetimeProblem(anchor, 87600)).to.equal(undefined);
        const refused = anchorLifetimeProblem(anchor, 43800)!;
        expect(refused.problem).to.match(
            /^differs from the lifetime of the existing trust anchor \(87600 h, valid until 20\d\d-\d\d-\d\d\), and changing it would replace the anchor, which every meshed pod started before would not trust$/,
        );
        expect(refused.fix).to.equal(
            "set it back to 87600, or rotate the anchor with a trust bundle as docs/linkerd.md (Rotation) describes",
        );
    });

    it("knows when a certificate is inside Linkerd's 60-day warning window (R3)", async () => {
        const month = await caCertificate(24 * 30);
        const year = await caCertificate(24 * 365);
        expect(expiresWithin(month, new Date())).to.match(/^20\d\d-\d\d-\d\d$/);
        expect(expiresWithin(year, new Date())).to.equal(undefined);
        expect(expiresWithin(year, new Date(Date.now() + 320 * 24 * HOUR))).to.not.equal(undefined);
    });
});

/** A real ECDSA CA certificate valid for `hours` from now (the engine's tls simulation, as @pulumi/tls would issue it). */
async function caCertificate(hours: number): Promise<string> {
    const key = privateKeyPem(generatePrivateKey("ECDSA", 2048, "P256"));
    return String(
        (
            await simulateSelfSignedCert({
                privateKeyPem: key,
                subject: { commonName: "root.linkerd.cluster.local" },
                isCaCertificate: true,
                validityPeriodHours: hours,
            })
        ).certPem,
    );
}
