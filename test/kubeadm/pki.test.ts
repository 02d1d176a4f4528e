import { expect } from "chai";
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { KubeadmCluster } from "../../components/kubeadm/cluster";
import { PKI_FILES, PkiMaterial, bootstrapToken, caCertHash, pkiFileContents, renderPkiBundle } from "../../components/kubeadm/pki";
import { fromYaml } from "../../components/shared/yaml";
import { unwrapSecrets } from "../../tools/engine/secret-values";
import { SMALL } from "../fixtures/kubeadm-clusters";
import { recordProgram } from "../mocks";

/** A self-signed CA made by openssl with the given key options. */
function opensslCa(dir: string, name: string, keyArgs: string[]): string {
    const key = path.join(dir, `${name}.key`);
    const cert = path.join(dir, `${name}.crt`);
    execFileSync("openssl", ["genpkey", ...keyArgs, "-out", key], { stdio: "ignore" });
    execFileSync("openssl", ["req", "-x509", "-new", "-key", key, "-subj", "/CN=kubernetes", "-days", "1", "-out", cert], {
        stdio: "ignore",
    });
    return cert;
}

/** kubeadm's documented pin pipeline, with `pkey` so it also works for EC keys. */
function opensslPin(cert: string): string {
    const script = `openssl x509 -pubkey -noout -in "$1" | openssl pkey -pubin -outform der | openssl dgst -sha256`;
    const output = execFileSync("bash", ["-c", script, "pin", cert], { encoding: "utf8" });
    return `sha256:${output.trim().split(" ").pop()}`;
}

describe("kubeadm PKI", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubeadm-pki-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const [kind, keyArgs] of [
        ["RSA", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]],
        ["ECDSA P-256", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]],
    ] as const) {
        it(`the CA pin of an ${kind} CA equals openssl's`, () => {
            const cert = opensslCa(dir, kind.replace(/\W/g, ""), [...keyArgs]);
            const pin = caCertHash(fs.readFileSync(cert, "utf8"));
            expect(pin).to.match(/^sha256:[0-9a-f]{64}$/);
            expect(pin).to.equal(opensslPin(cert));
        });
    }

    it("the pin of the cluster's own CA equals openssl's, and the joins use it", async () => {
        let outputs: Record<string, unknown> = {};
        const graph = await recordProgram(() => {
            const cluster = new KubeadmCluster("alpha", SMALL);
            return { ca: cluster.caCertPem, pin: cluster.caCertHash };
        });
        outputs = unwrapSecrets(graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs) as Record<string, unknown>;
        const cert = path.join(dir, "cluster-ca.crt");
        fs.writeFileSync(cert, String(outputs.ca));
        expect(outputs.pin).to.equal(opensslPin(cert));
        const join = fromYaml(String(graph.inputsOf(graph.find("command:remote:Command", "alpha-worker-1-join")).stdin)) as {
            discovery: { bootstrapToken: { caCertHashes: string[] } };
        };
        expect(join.discovery.bootstrapToken.caCertHashes).to.deep.equal([outputs.pin]);
    });

    it("the minted kubeconfig parses, and its client certificate verifies against the cluster CA", async () => {
        const graph = await recordProgram(() => {
            const cluster = new KubeadmCluster("alpha", SMALL);
            return { kubeconfig: cluster.kubeconfig, ca: cluster.caCertPem };
        });
        const outputs = unwrapSecrets(graph.find("pulumi:pulumi:Stack", "multicluster-test").outputs) as Record<string, string>;
        type Kubeconfig = {
            clusters: { name: string; cluster: { server: string; "certificate-authority-data": string } }[];
            users: { name: string; user: { "client-certificate-data": string; "client-key-data": string } }[];
            contexts: { name: string; context: { cluster: string; user: string } }[];
            "current-context": string;
        };
        const kubeconfig = fromYaml(outputs.kubeconfig) as Kubeconfig;
        const decode = (data: string) => Buffer.from(data, "base64").toString();
        const ca = new crypto.X509Certificate(decode(kubeconfig.clusters[0].cluster["certificate-authority-data"]));
        const client = new crypto.X509Certificate(decode(kubeconfig.users[0].user["client-certificate-data"]));
        expect(kubeconfig.clusters[0]).to.deep.include({ name: "alpha" });
        expect(kubeconfig.clusters[0].cluster.server).to.equal("https://10.0.0.10:6443");
        expect(kubeconfig["current-context"]).to.equal("kubernetes-admin@alpha");
        expect(kubeconfig.contexts[0].context).to.deep.equal({ cluster: "alpha", user: "kubernetes-admin" });
        expect(ca.toString()).to.equal(new crypto.X509Certificate(outputs.ca).toString());
        expect(ca.ca).to.equal(true);
        expect(client.verify(ca.publicKey)).to.equal(true);
        expect(client.checkIssued(ca)).to.equal(true);
        expect(client.subject).to.contain("CN=kubernetes-admin").and.to.contain("O=kubeadm:cluster-admins");
        expect(client.checkPrivateKey(crypto.createPrivateKey(decode(kubeconfig.users[0].user["client-key-data"])))).to.equal(true);
        const stranger = opensslCa(dir, "stranger", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]);
        expect(client.verify(new crypto.X509Certificate(fs.readFileSync(stranger)).publicKey)).to.equal(false);
    });

    it("the PKI bundle carries each file as one base64 line, in the order the script reads them", () => {
        const material: PkiMaterial = {
            ca: { certPem: "ca-cert\n", keyPem: "ca-key\n" },
            frontProxyCa: { certPem: "fp-cert\n", keyPem: "fp-key\n" },
            etcdCa: { certPem: "etcd-cert\n", keyPem: "etcd-key\n" },
            serviceAccount: { publicKeyPem: "sa-pub\n", privateKeyPem: "sa-key\n" },
        };
        const lines = renderPkiBundle(material)
            .trimEnd()
            .split("\n")
            .map((line) => Buffer.from(line, "base64").toString());
        expect(PKI_FILES).to.deep.equal([
            "ca.crt",
            "ca.key",
            "front-proxy-ca.crt",
            "front-proxy-ca.key",
            "etcd/ca.crt",
            "etcd/ca.key",
            "sa.pub",
            "sa.key",
        ]);
        expect(lines).to.deep.equal(PKI_FILES.map((file) => pkiFileContents(material).get(file)));
        expect(lines).to.deep.equal([
            "ca-cert\n",
            "ca-key\n",
            "fp-cert\n",
            "fp-key\n",
            "etcd-cert\n",
            "etcd-key\n",
            "sa-pub\n",
            "sa-key\n",
        ]);
    });

    it("bootstrap tokens have kubeadm's shape", () => {
        expect(bootstrapToken("abc123", "0123456789abcdef")).to.equal("abc123.0123456789abcdef");
        expect(() => bootstrapToken("ABC123", "0123456789abcdef")).to.throw(/6 and 16 characters/);
    });
});
