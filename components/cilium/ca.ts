// CiliumCa: the one CA every Cilium cluster of a stack trusts (Hubble, and the Cluster Mesh when there is one).
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { base64 } from "../shared/base64";
import { CA_COMMON_NAME, CA_VALIDITY_HOURS } from "./certs";

/** The shared CA, in the forms its consumers need. */
export interface MeshCa {
    /** CA certificate PEM (public). */
    readonly certPem: pulumi.Output<string>;
    /** CA private key PEM (RSA PKCS#1, as the chart's `buildCustomCert` needs); always secret. */
    readonly keyPem: pulumi.Output<string>;
    /** `tls.ca.cert` value: base64 of the certificate PEM. */
    readonly certBase64: pulumi.Output<string>;
    /** `tls.ca.key` value: base64 of the key PEM; always secret. */
    readonly keyBase64: pulumi.Output<string>;
    /** Rotation generation of the CA: what it signs is replaced with it (keys too); absent: 0. */
    readonly generation?: number;
}

/** The shared CA as data a `CiliumInstall` takes (a `CiliumCa` fits): its PEMs and rotation generation. */
export interface CiliumCaPems {
    /** CA certificate PEM (public). */
    readonly certPem: pulumi.Input<string>;
    /** CA private key PEM (RSA PKCS#1, as the chart's `buildCustomCert` needs); made secret wherever it is used. */
    readonly keyPem: pulumi.Input<string>;
    /** Rotation generation: what the CA signs is replaced with it (keys too); plain: known at preview; default: 0. */
    readonly generation?: number;
}

/** Inputs of {@link CiliumCa}. */
export interface CiliumCaArgs {
    /** Subject common name; @default "Cilium CA" (the chart's own `genCA` uses the same name). */
    readonly commonName?: string;
    /** Validity in hours; @default 87600 (10 years). Changing it replaces the CA (and every certificate it signed). */
    readonly validityHours?: number;
    /** Rotation generation: raising it replaces the CA key and certificate, and every certificate it signs; @default 0. */
    readonly generation?: number;
}

/**
 * The stack's Cilium CA (`<name>-key`, `<name>-cert`). A simple self-signed root, as intermediate CAs broke
 * clustermesh TLS verification upstream (#43099). It lives in Pulumi state only, so `pulumi up` never
 * regenerates it and the "CA certificates do not match" state of the seed cannot happen; it exists with or
 * without a mesh, so switching the mesh on or off never changes what the clusters trust.
 */
export class CiliumCa extends pulumi.ComponentResource implements MeshCa {
    /** CA certificate PEM (public). */
    readonly certPem: pulumi.Output<string>;
    /** CA private key PEM; secret. */
    readonly keyPem: pulumi.Output<string>;
    /** base64 of the certificate PEM. */
    readonly certBase64: pulumi.Output<string>;
    /** base64 of the key PEM; secret. */
    readonly keyBase64: pulumi.Output<string>;
    /** Rotation generation (the `replacementTrigger` of the CA and of what it signs). */
    readonly generation: number;

    constructor(name: string, args: CiliumCaArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:cilium:CiliumCa", name, {}, opts);
        this.generation = args.generation ?? 0;
        const rotation = { parent: this, replacementTrigger: this.generation };
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "RSA", rsaBits: 4096 }, rotation);
        const cert = new tls.SelfSignedCert(
            `${name}-cert`,
            {
                privateKeyPem: key.privateKeyPem,
                subject: { commonName: args.commonName ?? CA_COMMON_NAME },
                isCaCertificate: true,
                setSubjectKeyId: true,
                validityPeriodHours: args.validityHours ?? CA_VALIDITY_HOURS,
                allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
            },
            rotation,
        );
        this.certPem = cert.certPem;
        this.keyPem = pulumi.secret(key.privateKeyPem);
        this.certBase64 = cert.certPem.apply(base64);
        this.keyBase64 = pulumi.secret(this.keyPem.apply(base64));
        this.registerOutputs({ certPem: this.certPem });
    }
}
