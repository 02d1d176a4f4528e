// Simulates @pulumi/tls resources with real material: keys, self-signed CAs, CSRs and CA-signed certificates.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import * as crypto from "crypto";
import { derivePrivateKey } from "./derived-keys";
import { Entropy } from "./entropy";
import { KeyAlgorithm, generatePrivateKey, parsePrivateKeyPem, privateKeyOutputs, signingAlgorithm, toWebCryptoPair } from "./keys";

type SelfSignedParams = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0];
type SignedParams = Extract<Parameters<typeof x509.X509CertificateGenerator.create>[0], { signingKey: unknown }>;
type RequestParams = Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>[0];
type WebKey = Parameters<typeof x509.SubjectKeyIdentifierExtension.create>[0];

x509.cryptoProvider.set(crypto.webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** Inputs as the tls provider names them (plain values; secrets already unwrapped). */
export type TlsInputs = Record<string, unknown>;

const keyUsageFlags: Record<string, number> = {
    digital_signature: x509.KeyUsageFlags.digitalSignature,
    content_commitment: x509.KeyUsageFlags.nonRepudiation,
    key_encipherment: x509.KeyUsageFlags.keyEncipherment,
    data_encipherment: x509.KeyUsageFlags.dataEncipherment,
    key_agreement: x509.KeyUsageFlags.keyAgreement,
    cert_signing: x509.KeyUsageFlags.keyCertSign,
    crl_signing: x509.KeyUsageFlags.cRLSign,
    encipher_only: x509.KeyUsageFlags.encipherOnly,
    decipher_only: x509.KeyUsageFlags.decipherOnly,
};

const extendedUsages: Record<string, string> = {
    server_auth: x509.ExtendedKeyUsage.serverAuth,
    client_auth: x509.ExtendedKeyUsage.clientAuth,
    code_signing: x509.ExtendedKeyUsage.codeSigning,
    email_protection: x509.ExtendedKeyUsage.emailProtection,
    timestamping: x509.ExtendedKeyUsage.timeStamping,
    ocsp_signing: x509.ExtendedKeyUsage.ocspSigning,
};

const subjectFields: [string, string][] = [
    ["country", "C"],
    ["province", "ST"],
    ["locality", "L"],
    ["organization", "O"],
    ["organizationalUnit", "OU"],
    ["commonName", "CN"],
    ["serialNumber", "serialNumber"],
];

/** Converts the provider's `subject` input into an X.509 name. */
function subjectName(subject: unknown): x509.JsonName {
    const fields = (Array.isArray(subject) ? subject[0] : subject) as Record<string, unknown> | undefined;
    return subjectFields
        .filter(([field]) => typeof fields?.[field] === "string" && fields[field] !== "")
        .map(([field, attribute]) => ({ [attribute]: [String(fields?.[field])] }));
}

/**
 * Simulates `tls.PrivateKey`; with a cache, one key per algorithm is reused (the benchmark's fast mode); with an
 * entropy stream, the key is derived from it (the same stream re-derives the same key).
 */
export function simulatePrivateKey(inputs: TlsInputs, cache?: Map<string, crypto.KeyObject>, entropy?: Entropy): Record<string, unknown> {
    const algorithm = String(inputs.algorithm ?? "RSA") as KeyAlgorithm;
    const [bits, curve] = [Number(inputs.rsaBits ?? 2048), String(inputs.ecdsaCurve ?? "P224")];
    if (entropy) {
        return { ...privateKeyOutputs(derivePrivateKey(algorithm, bits, curve, entropy)), algorithm };
    }
    const shape = `${algorithm}/${bits}/${curve}`;
    const key = cache?.get(shape) ?? generatePrivateKey(algorithm, bits, curve);
    cache?.set(shape, key);
    return { ...privateKeyOutputs(key), algorithm };
}

function extensionsFor(inputs: TlsInputs): x509.Extension[] {
    const uses = (inputs.allowedUses as string[] | undefined) ?? [];
    const flags = uses.reduce((acc, use) => acc | (keyUsageFlags[use] ?? 0), 0);
    const extended = uses.map((use) => extendedUsages[use]).filter((oid): oid is string => !!oid);
    const names: x509.JsonGeneralName[] = [
        ...((inputs.dnsNames as string[] | undefined) ?? []).map((value) => ({ type: "dns" as const, value })),
        ...((inputs.ipAddresses as string[] | undefined) ?? []).map((value) => ({ type: "ip" as const, value })),
        ...((inputs.uris as string[] | undefined) ?? []).map((value) => ({ type: "url" as const, value })),
    ];
    const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(inputs.isCaCertificate === true, undefined, true)];
    if (flags) {
        extensions.push(new x509.KeyUsagesExtension(flags, true));
    }
    if (extended.length) {
        extensions.push(new x509.ExtendedKeyUsageExtension(extended));
    }
    if (names.length) {
        extensions.push(new x509.SubjectAlternativeNameExtension(names));
    }
    return extensions;
}

function validity(inputs: TlsInputs): { notBefore: Date; notAfter: Date; outputs: Record<string, unknown> } {
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
    const notAfter = new Date(notBefore.getTime() + Number(inputs.validityPeriodHours ?? 24) * 3600_000);
    const outputs = {
        validityStartTime: notBefore.toISOString().replace(/\.\d{3}Z$/, "Z"),
        validityEndTime: notAfter.toISOString().replace(/\.\d{3}Z$/, "Z"),
        readyForRenewal: false,
    };
    return { notBefore, notAfter, outputs };
}

const pem = (certificate: x509.X509Certificate | x509.Pkcs10CertificateRequest): string =>
    `${certificate.toString("pem").replace(/\r\n/g, "\n").trim()}\n`;

const serial = (): string => `01${crypto.randomBytes(15).toString("hex")}`;

/** Simulates `tls.SelfSignedCert`: a real certificate signed by its own key. */
export async function simulateSelfSignedCert(inputs: TlsInputs): Promise<Record<string, unknown>> {
    const key = parsePrivateKeyPem(String(inputs.privateKeyPem));
    const keys = await toWebCryptoPair(key);
    const { notBefore, notAfter, outputs } = validity(inputs);
    const extensions = extensionsFor(inputs);
    extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as unknown as WebKey));
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serial(),
        name: subjectName(inputs.subject),
        notBefore,
        notAfter,
        signingAlgorithm: signingAlgorithm(key) as SelfSignedParams["signingAlgorithm"],
        keys: keys as unknown as SelfSignedParams["keys"],
        extensions,
    });
    return { ...outputs, certPem: pem(certificate), keyAlgorithm: key.asymmetricKeyType?.toUpperCase() };
}

/** Simulates `tls.CertRequest`: a real PKCS#10 request. */
export async function simulateCertRequest(inputs: TlsInputs): Promise<Record<string, unknown>> {
    const key = parsePrivateKeyPem(String(inputs.privateKeyPem));
    const keys = await toWebCryptoPair(key);
    const request = await x509.Pkcs10CertificateRequestGenerator.create({
        name: subjectName(inputs.subject),
        keys: keys as unknown as RequestParams["keys"],
        signingAlgorithm: signingAlgorithm(key) as RequestParams["signingAlgorithm"],
        extensions: extensionsFor(inputs).slice(1),
    });
    return { certRequestPem: pem(request), keyAlgorithm: key.asymmetricKeyType?.toUpperCase() };
}

/** Simulates `tls.LocallySignedCert`: a real certificate for the request's key, signed by the CA key. */
export async function simulateLocallySignedCert(inputs: TlsInputs): Promise<Record<string, unknown>> {
    const request = new x509.Pkcs10CertificateRequest(String(inputs.certRequestPem));
    const ca = new x509.X509Certificate(String(inputs.caCertPem));
    const caKey = parsePrivateKeyPem(String(inputs.caPrivateKeyPem));
    const caKeys = await toWebCryptoPair(caKey);
    const { notBefore, notAfter, outputs } = validity(inputs);
    const extensions = extensionsFor(inputs);
    const sans = request.extensions.find((ext) => ext instanceof x509.SubjectAlternativeNameExtension);
    if (sans && !extensions.some((ext) => ext instanceof x509.SubjectAlternativeNameExtension)) {
        extensions.push(sans);
    }
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey as unknown as WebKey));
    const certificate = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: request.subject,
        issuer: ca.subject,
        notBefore,
        notAfter,
        signingAlgorithm: signingAlgorithm(caKey) as SignedParams["signingAlgorithm"],
        publicKey: request.publicKey,
        signingKey: caKeys.privateKey as unknown as SignedParams["signingKey"],
        extensions,
    });
    return { ...outputs, certPem: pem(certificate), caKeyAlgorithm: caKey.asymmetricKeyType?.toUpperCase() };
}
