// Simulates what `kind get kubeconfig` prints: a kubeconfig with a real (throwaway) cluster CA and a loopback server.
import * as crypto from "crypto";
import { renderKubeconfig } from "../../components/shared/kubeconfig";
import { generatePrivateKey, privateKeyPem } from "./keys";
import { simulateSelfSignedCert } from "./tls-sim";

/** The cluster a kind kubeconfig command prints, or undefined when the script is not one. */
export function kindKubeconfigCluster(script: unknown): string | undefined {
    const match = typeof script === "string" ? /kind get kubeconfig --name "\$name"$/m.exec(script) && /^name=(\S+)$/m.exec(script) : null;
    return match ? match[1].replace(/^'|'$/g, "") : undefined;
}

/**
 * A kubeconfig as kind writes it for cluster `name`: server on 127.0.0.1 with a port derived from the name
 * (kind picks a free one), a real self-signed CA, and a client certificate (a stand-in; never a real key).
 */
export async function simulateKindKubeconfig(name: string): Promise<string> {
    const key = privateKeyPem(generatePrivateKey("ECDSA", 2048, "P256"));
    const ca = await simulateSelfSignedCert({
        privateKeyPem: key,
        subject: { commonName: "kubernetes" },
        isCaCertificate: true,
        validityPeriodHours: 87600,
        allowedUses: ["cert_signing", "digital_signature", "key_encipherment"],
    });
    const port = 30000 + (crypto.createHash("sha256").update(name).digest().readUInt16BE(0) % 30000);
    return renderKubeconfig({
        clusterName: `kind-${name}`,
        server: `https://127.0.0.1:${port}`,
        caCertPem: String(ca.certPem),
        clientCertPem: String(ca.certPem),
        clientKeyPem: "simulated client key (not real key material)",
        userName: `kind-${name}`,
    });
}
