// Real key material for the simulated @pulumi/tls: key generation, PEM/OpenSSH encodings, WebCrypto import.
import * as crypto from "crypto";

type WebAlgorithm = crypto.webcrypto.RsaHashedImportParams | crypto.webcrypto.EcKeyImportParams | crypto.webcrypto.Algorithm;

/** Key algorithms the tls provider offers. */
export type KeyAlgorithm = "RSA" | "ECDSA" | "ED25519";

const curves: Record<string, string> = { P224: "P-224", P256: "P-256", P384: "P-384", P521: "P-521" };

/** Generates a private key as the tls provider would (`algorithm`, `rsaBits`, `ecdsaCurve`). */
export function generatePrivateKey(algorithm: KeyAlgorithm, rsaBits = 2048, ecdsaCurve = "P224"): crypto.KeyObject {
    switch (algorithm) {
        case "RSA":
            return crypto.generateKeyPairSync("rsa", { modulusLength: rsaBits }).privateKey;
        case "ECDSA":
            return crypto.generateKeyPairSync("ec", { namedCurve: curves[ecdsaCurve] ?? "P-224" }).privateKey;
        case "ED25519":
            return crypto.generateKeyPairSync("ed25519").privateKey;
    }
}

/** The PEM the tls provider emits as `privateKeyPem`: PKCS#1 for RSA, SEC1 for ECDSA, PKCS#8 for Ed25519. */
export function privateKeyPem(key: crypto.KeyObject): string {
    switch (key.asymmetricKeyType) {
        case "rsa":
            return key.export({ type: "pkcs1", format: "pem" }).toString();
        case "ec":
            return key.export({ type: "sec1", format: "pem" }).toString();
        default:
            return key.export({ type: "pkcs8", format: "pem" }).toString();
    }
}

/** `ssh-…` authorized_keys encoding of a public key. */
export function publicKeyOpenssh(key: crypto.KeyObject): string {
    const publicKey = crypto.createPublicKey(key);
    const jwk = publicKey.export({ format: "jwk" });
    const b64 = (value: string | undefined) => Buffer.from(value ?? "", "base64url");
    let parts: Buffer[];
    let type: string;
    if (publicKey.asymmetricKeyType === "rsa") {
        type = "ssh-rsa";
        parts = [sshString(type), sshMpint(b64(jwk.e)), sshMpint(b64(jwk.n))];
    } else if (publicKey.asymmetricKeyType === "ed25519") {
        type = "ssh-ed25519";
        parts = [sshString(type), sshString(b64(jwk.x))];
    } else {
        const curve = (jwk.crv ?? "P-256").replace("P-", "nistp");
        type = `ecdsa-sha2-${curve}`;
        parts = [sshString(type), sshString(curve), sshString(Buffer.concat([Buffer.from([4]), b64(jwk.x), b64(jwk.y)]))];
    }
    return `${type} ${Buffer.concat(parts).toString("base64")}\n`;
}

function sshString(value: string | Buffer): Buffer {
    const data = typeof value === "string" ? Buffer.from(value) : value;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
}

function sshMpint(value: Buffer): Buffer {
    const trimmed = value[0] & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value;
    return sshString(trimmed);
}

/** Every output of `tls.PrivateKey` derived from one key. */
export function privateKeyOutputs(key: crypto.KeyObject): Record<string, string> {
    const publicKey = crypto.createPublicKey(key);
    const openssh = publicKeyOpenssh(key);
    const blob = Buffer.from(openssh.split(" ")[1], "base64");
    return {
        privateKeyPem: privateKeyPem(key),
        privateKeyPemPkcs8: key.export({ type: "pkcs8", format: "pem" }).toString(),
        publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
        publicKeyOpenssh: openssh,
        publicKeyFingerprintMd5: crypto
            .createHash("md5")
            .update(blob)
            .digest("hex")
            .replace(/(..)(?!$)/g, "$1:"),
        publicKeyFingerprintSha256: `SHA256:${crypto.createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`,
    };
}

/** WebCrypto signing parameters for a key. */
export function signingAlgorithm(key: crypto.KeyObject): WebAlgorithm {
    if (key.asymmetricKeyType === "rsa") {
        return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    }
    if (key.asymmetricKeyType === "ec") {
        const curve = String(key.asymmetricKeyDetails?.namedCurve ?? "prime256v1");
        const namedCurve = curve === "secp384r1" ? "P-384" : curve === "secp521r1" ? "P-521" : "P-256";
        return { name: "ECDSA", namedCurve, hash: namedCurve === "P-256" ? "SHA-256" : "SHA-384" } as crypto.webcrypto.EcKeyImportParams;
    }
    return { name: "Ed25519" };
}

/** Imports a Node key pair into WebCrypto for signing with @peculiar/x509. */
export async function toWebCryptoPair(key: crypto.KeyObject): Promise<crypto.webcrypto.CryptoKeyPair> {
    const algorithm = signingAlgorithm(key);
    const der = key.export({ type: "pkcs8", format: "der" });
    const spki = crypto.createPublicKey(key).export({ type: "spki", format: "der" });
    const privateKey = await crypto.webcrypto.subtle.importKey("pkcs8", der, algorithm, true, ["sign"]);
    const publicKey = await crypto.webcrypto.subtle.importKey("spki", spki, algorithm, true, ["verify"]);
    return { privateKey, publicKey } as crypto.webcrypto.CryptoKeyPair;
}

/** Parses any PEM private key the tls provider produced. */
export function parsePrivateKeyPem(pem: string): crypto.KeyObject {
    return crypto.createPrivateKey(pem);
}
