// Issue 17, validation holes 1, 2 and 5: key material and tokens in plain settings are refused by path alone, URL
// credentials are never echoed, a nested `secure:` is named by its own path. Each case is a stack file and the whole
// refusal `npm run render` prints for it; no refusal ever contains the secret.
import { expect } from "chai";
import * as crypto from "crypto";
import { PRIVATE_KEY } from "../cases/bad-configs";
import * as fs from "fs";
import * as path from "path";
import { refusal, refusalOf, renderCli, scratchProject } from "./stack-file-refusal";

const ed25519 = crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const ec = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "sec1", format: "pem" }).toString();
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const GITHUB = "ghp_R8x2Kq9LmN3vB7cT5yW1zA4dF6hJ0sPuXe2Q";

/** A line of a PEM body, which must never appear in a message. */
const bodyOf = (pem: string): string => pem.split("\n")[1].slice(0, 24);
/** A multi-line value as a YAML block scalar, indented under its key. */
const block = (text: string, indent: number): string =>
    `|\n${text
        .trimEnd()
        .split("\n")
        .map((line) => `${" ".repeat(indent)}${line}`)
        .join("\n")}`;

const kindPair = "  multicluster:clusters: [{ name: east, provisioner: kind }, { name: west, provisioner: kind }]\n";
/** A stack of one kubeadm cluster whose control plane gets `host` fields, the cluster `cluster` fields, plus `more` lines. */
const kubeadm = (host: string, cluster = "", more = ""): string =>
    "config:\n  multicluster:clusters:\n    - name: east\n      provisioner: kubeadm\n" +
    `      podCidr: 10.244.0.0/16\n      serviceCidr: 10.96.0.0/16\n${cluster}      controlPlanes:\n        - host: 172.26.0.141\n${host}${more}`;
/** Two kind clusters with Cilium and `values` lines under `cni.values`. */
const ciliumValues = (values: string): string => `config:\n${kindPair}  multicluster:cni:\n    kind: cilium\n    values:\n${values}`;

const SECRET_KEYS = "sshPrivateKey, contrailRegistryAuth, aviPassword";
/** The sentence for key material at `path`. */
const material = (path: string, kind: string, holds = "holds"): string =>
    `${path} = [not shown] ${holds} ${kind}, which must never be in a plain setting (it would be written in clear into the plan and the rendered files); ` +
    "fix: remove it and give only what this setting takes (a certificate or a public key, never a private one; a URL without user:password@); " +
    `secrets go only in the secret config keys ${SECRET_KEYS} (pulumi config set --secret <key> < file).`;

/** One hostile stack file: its refusal, sentence by sentence, and the secret texts none of it may contain. */
interface Case {
    readonly name: string;
    readonly yaml: string;
    readonly sentences: readonly string[];
    readonly secrets: readonly string[];
}

const cases: readonly Case[] = [
    {
        name: "a PEM private key pasted as a control plane's host key",
        yaml: kubeadm(`          hostKey: ${block(ed25519, 12)}\n`),
        sentences: [material("clusters[0].controlPlanes[0].hostKey", "a PEM private key block")],
        secrets: [bodyOf(ed25519)],
    },
    {
        name: "an OpenSSH private key as the bastion's host key, on one line",
        yaml: kubeadm("", "", `  multicluster:ssh:\n    bastion: { host: bastion.lab, hostKey: ${JSON.stringify(PRIVATE_KEY)} }\n`),
        sentences: [material("ssh.bastion.hostKey", "an OpenSSH private key")],
        secrets: [bodyOf(PRIVATE_KEY)],
    },
    {
        name: "an RSA private key in a CA field of the Helm escape hatch",
        yaml: ciliumValues(`      tls:\n        ca:\n          cert: ${block(rsa, 12)}\n`),
        sentences: [material("cni.values.tls.ca.cert", "a PEM private key block")],
        secrets: [bodyOf(rsa)],
    },
    {
        name: "a base64-encoded EC private key in the Helm escape hatch, beside a token in a list",
        yaml: ciliumValues(`      tls: { ca: { key: ${Buffer.from(ec).toString("base64")} } }\n      extraArgs: [--debug, ${GITHUB}]\n`),
        sentences: [
            material("cni.values.tls.ca.key", "a base64-encoded PEM private key"),
            material("cni.values.extraArgs[1]", "a GitHub token"),
        ],
        secrets: [Buffer.from(ec).toString("base64").slice(0, 40), GITHUB],
    },
    {
        name: "a JSON Web Token as a node label value, a private key as a label key",
        yaml: kubeadm(
            `          labels: { session: ${JWT} }\n`,
            "",
            '      workers:\n        - host: 172.26.0.142\n          labels: { "-----BEGIN PRIVATE KEY-----": x }\n',
        ),
        sentences: [
            material("clusters[0].controlPlanes[0].labels.session", "a JSON Web Token"),
            material("clusters[0].workers[0].labels", "a PEM private key block", "has a key that holds"),
        ],
        secrets: [JWT.slice(0, 30)],
    },
    {
        name: "a token as a cluster name is refused, not also checked as a name",
        yaml: `config:\n  multicluster:clusters: [{ name: east, provisioner: kind }, { name: ${GITHUB}, provisioner: kind }]\n`,
        sentences: [material("clusters[1].name", "a GitHub token")],
        secrets: [GITHUB.slice(4, 30)],
    },
    {
        name: "user:password@ in a URL of the escape hatch and of the API URL",
        yaml: kubeadm(
            "",
            "      apiServerUrl: https://admin:hunter2@10.0.0.1:6443\n",
            "  multicluster:cni:\n    kind: cilium\n" +
                '    values: { image: { repository: "https://robot:s3cr3t-Pa55@quay.example.com/cilium" } }\n',
        ),
        sentences: [
            material("clusters[0].apiServerUrl", "a password inside a URL (user:password@)"),
            material("cni.values.image.repository", "a password inside a URL (user:password@)"),
        ],
        secrets: ["hunter2", "s3cr3t-Pa55"],
    },
    {
        name: "a token as the user of a URL, and user:password@ before a host without a scheme, are never echoed",
        yaml: kubeadm(
            "",
            "      controlPlaneEndpoint: admin:hunter2@10.0.0.1:6443\n      apiServerUrl: https://AbCdEf0123456789xYz@10.0.0.1:6443\n",
        ),
        sentences: [
            'clusters[0].controlPlaneEndpoint = "[not shown]@10.0.0.1:6443" is not host:port; fix: write it as e.g. "10.0.0.100:6443" or "api.example.internal:6443".',
            'clusters[0].apiServerUrl = "https://[not shown]@10.0.0.1:6443" is not an https URL of a host (and port); ' +
                'fix: write it as e.g. "https://127.0.0.1:16443" or "https://api.example.com:6443".',
        ],
        secrets: ["hunter2", "AbCdEf0123456789xYz"],
    },
    {
        name: "a secure: value nested in a plain setting is named by its own path",
        yaml: kubeadm(
            "          hostKey: { secure: v1:AAAABBBBCCCC }\n",
            "",
            "  multicluster:ssh:\n    user: ubuntu\n    password: { secure: v1:DDDDEEEEFFFF }\n",
        ),
        sentences: [
            "clusters[0].controlPlanes[0].hostKey = [not shown] is a secret (`secure:`) value inside the plain setting clusters; " +
                "fix: write it in plain text if it is not a secret (pulumi config set --path without --secret), or remove it; only sshPrivateKey, contrailRegistryAuth and aviPassword are secrets.",
            "ssh.password = [not shown] is a secret (`secure:`) value inside the plain setting ssh; " +
                "fix: write it in plain text if it is not a secret (pulumi config set --path without --secret), or remove it; only sshPrivateKey, contrailRegistryAuth and aviPassword are secrets.",
        ],
        secrets: ["v1:AAAABBBBCCCC", "v1:DDDDEEEEFFFF"],
    },
    {
        name: "a secure: value nested inside a secret key: the whole key is the secret",
        yaml: kubeadm("", "", "  multicluster:sshPrivateKey:\n    key: { secure: v1:AAAABBBBCCCC }\n"),
        sentences: [
            "sshPrivateKey.key = [not shown] is a secret (`secure:`) value nested inside sshPrivateKey; " +
                "fix: make sshPrivateKey itself the secret: `pulumi config set --secret sshPrivateKey < file`.",
        ],
        secrets: ["v1:AAAABBBBCCCC"],
    },
];

describe("stack files: key material, URL credentials and nested secrets (issue 17)", () => {
    for (const entry of cases) {
        it(entry.name, () => {
            const message = refusalOf(entry.yaml);
            expect(message).to.equal(refusal(...entry.sentences));
            entry.secrets.forEach((secret) => expect(message).not.to.contain(secret));
        });
    }

    it("CLI: exits 1 with that refusal alone, writes nothing, and no file or message holds the key", function () {
        this.timeout(180_000); // a whole process of the program: slow on a loaded machine
        const dir = scratchProject({ s: cases[0].yaml });
        const result = renderCli(dir, "s");
        expect(result).to.deep.equal({ status: 1, stderr: `${refusal(...cases[0].sentences)}\n` });
        expect(fs.existsSync(path.join(dir, "out"))).to.equal(false);
    });

    it("still accepts public material where it belongs: a host key line and a certificate in the escape hatch", () => {
        const certificate = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2hhcnRDQQ==\n-----END CERTIFICATE-----\n";
        const hostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRVc6HUpbHDvWH2G8SwrxRS6clTSohQo+JVfewpAGHE";
        expect(refusalOf(kubeadm(`          hostKey: ${hostKey}\n`))).to.equal("");
        expect(refusalOf(ciliumValues(`      podAnnotations:\n        example.com/ca: ${block(certificate, 10)}\n`))).to.equal("");
    });
});
