// Hostile stack files from the acceptance pass (issue 17): each refused in the one format with exact sentences, and
// the render CLI's own arguments refused the same way.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigValidationError } from "../../components/shared/validation";
import { readStackFiles } from "../../tools/engine/stack-files";
import { writeArtifacts } from "../../tools/render";
import { refusal, refusalOf, scratchProject } from "./stack-file-refusal";

const kindPair =
    "  multicluster:clusters:\n    - { name: east, provisioner: kind, loadBalancerPools: [172.18.255.200-172.18.255.219] }\n" +
    "    - { name: west, provisioner: kind }\n";
const kubeadmOne = "  multicluster:clusters: [{ name: k1, provisioner: kubeadm, controlPlanes: [{ host: 172.26.0.141 }] }]\n";
const secure = (key: string): string => `  multicluster:${key}:\n    secure: v1:placeholder\n`;
const SECRET_FIX =
    "remove it and give only what this setting takes (a certificate or a public key, never a private one; a URL without user:password@); " +
    "secrets go only in the secret config keys sshPrivateKey, contrailRegistryAuth, aviPassword (pulumi config set --secret <key> < file)";
const named = (at: string): string =>
    `${at} = [not shown] holds a secret (its key is named like one), which must never be in a plain setting ` +
    `(it would be written in clear into the plan and the rendered files); fix: ${SECRET_FIX}.`;

/** Hostile stack files and every sentence their refusal must hold, in order. */
const cases: readonly { readonly name: string; readonly yaml: string; readonly sentences: readonly string[] }[] = [
    {
        name: "a pool written with spaces around its dash (a script would split it) is no range",
        yaml: `config:\n${kindPair.replace("172.18.255.200-172.18.255.219", '"172.18.255.200 - 172.18.255.219"')}`,
        sentences: [
            'clusters[0].loadBalancerPools[0] = "172.18.255.200 - 172.18.255.219" is not an aligned CIDR or a first-last address range; ' +
                'fix: write it as e.g. "172.18.255.200/29" or "172.18.255.200-172.18.255.219".',
        ],
    },
    {
        name: "a prefix with a leading zero (bash reads /016 as octal) is no CIDR",
        yaml: `config:\n${kindPair.replace("name: west, provisioner: kind", "name: west, provisioner: kind, podCidr: 10.245.0.0/016")}`,
        sentences: [
            'clusters[1].podCidr = "10.245.0.0/016" is not a CIDR; fix: write it as address/prefix, e.g. "10.1.0.0/16", or "auto".',
        ],
    },
    {
        name: "pools with loadBalancer.kind none are refused as unused",
        yaml: `config:\n${kindPair}  multicluster:loadBalancer: { kind: none }\n`,
        sentences: [
            'clusters[0].loadBalancerPools = ["172.18.255.200-172.18.255.219"] is ignored: loadBalancer.kind is "none", so no load balancer hands out ' +
                'these addresses; fix: remove it, or set loadBalancer.kind to "metallb" (or "cilium-lb-ipam" with Cilium).',
        ],
    },
    {
        name: "a supernet too small is one sentence per kind of range, not one per cluster",
        yaml:
            "config:\n  multicluster:network: { supernet: 10.64.0.0/16 }\n  multicluster:clusters:\n" +
            ["a", "b", "c"].map((name) => `    - { name: ${name}, provisioner: kind }\n`).join(""),
        sentences: [
            'clusters[0].serviceCidr = "auto" cannot be allocated: no free /20 is left in 10.64.0.0/16, and neither can the "auto" serviceCidr of 2 later clusters; ' +
                "fix: widen network.supernet, raise network.podPrefix/servicePrefix, or give these clusters explicit ranges.",
            'clusters[1].podCidr = "auto" cannot be allocated: no free /16 is left in 10.64.0.0/16, and neither can the "auto" podCidr of 1 later cluster; ' +
                "fix: widen network.supernet, raise network.podPrefix/servicePrefix, or give these clusters explicit ranges.",
        ],
    },
    {
        name: "SSH settings on a stack of kind clusters: their values are checked first (the unused-settings rule reads every section)",
        yaml: `config:\n${kindPair}  multicluster:ssh: { user: "a b", port: 2222 }\n`,
        sentences: [
            "ssh.user = \"a b\" is not a login name (letters, digits, '_', '.' and '-', at most 32, starting with a letter or '_'); fix: use the account name alone, e.g. \"ubuntu\".",
        ],
    },
    {
        name: "SSH settings on a stack of kind clusters are refused as unused",
        yaml: `config:\n${kindPair}  multicluster:ssh: { user: ubuntu, port: 2222 }\n`,
        sentences: [
            "ssh = [not shown] is ignored: no cluster is provisioned by kubeadm (kind clusters are reached without SSH); fix: remove it.",
        ],
    },
    {
        name: "a secret key nothing in the stack reads is refused as unused, never shown",
        yaml: `config:\n${kindPair}${secure("sshPrivateKey")}${secure("aviPassword")}${secure("contrailRegistryAuth")}`,
        sentences: [
            "sshPrivateKey = [not shown] is ignored: no cluster is provisioned by kubeadm (kind clusters are reached without SSH); fix: remove it (pulumi config rm sshPrivateKey).",
            'aviPassword = [not shown] is ignored: AKO and AMKO log in only with ingress.kind avi and ingress.controller.host set (ingress.kind is "none"); ' +
                "fix: remove it (pulumi config rm aviPassword).",
            'contrailRegistryAuth = [not shown] is ignored: the stack installs no Contrail (mesh.kind is "none"); fix: remove it (pulumi config rm contrailRegistryAuth).',
        ],
    },
    {
        name: "the SSH key of a kubeadm stack is read, so it is no unused secret",
        yaml: `config:\n${kubeadmOne}${secure("sshPrivateKey")}`,
        sentences: [],
    },
    {
        name: "a top-level key named __proto__ is an unknown key, not silently dropped",
        yaml: `config:\n${kindPair}  multicluster:__proto__: { x: 1 }\n`,
        sentences: [
            "multicluster:__proto__ = [not shown] is not a config key of this project; fix: remove it or use one of clusters, ssh, versions, cni, " +
                "loadBalancer, mesh, ingress, network, sshPrivateKey, contrailRegistryAuth, aviPassword.",
        ],
    },
    {
        name: "a YAML merge key is one sentence at its map, not a missing kind and an unknown key",
        yaml: `config:\n${kindPair}  multicluster:cni:\n    <<: { kind: cilium }\n`,
        sentences: [
            "multicluster:cni on line 5 uses the YAML merge key <<, which YAML readers disagree on (the Pulumi CLI merges the map it names, " +
                'others keep a key "<<"); fix: write the merged keys out in the map itself.',
        ],
    },
    {
        name: "a second YAML document is named as such",
        yaml: `config:\n${kindPair}---\nconfig: {}\n`,
        sentences: [
            "the file holds more than one YAML document (a line --- starts another), and Pulumi reads a stack file as one; fix: keep one document: a single config: map.",
        ],
    },
    {
        name: "text under a key named like a secret (a Helm value, a label) is refused wherever it is, never shown",
        yaml:
            `config:\n${kindPair.replace("provisioner: kind }", "provisioner: kind, loadBalancerPools: [172.18.255.220/30] }")}  multicluster:loadBalancer: { kind: metallb, values: { speaker: { memberlist: { secretKey: hunter2 } }, db_password: "" } }\n` +
            "  multicluster:ingress: { kind: traefik, values: { env: [{ name: API_TOKEN, apiToken: x1 }] } }\n",
        sentences: [named("loadBalancer.values.speaker.memberlist.secretKey"), named("ingress.values.env[0].apiToken")],
    },
    {
        name: "a very long key is cut inside its quotes, so the path stays short and reads back",
        yaml: `config:\n${kindPair}  multicluster:mesh: { kind: none, "${"k".repeat(5000)}": 1 }\n`,
        sentences: [
            `mesh["${"k".repeat(40)}... (5000 characters)"] = [not shown] is not a known setting; fix: remove it or use one of "kind".`,
        ],
    },
];

describe("hostile stack files of the acceptance pass", () => {
    for (const entry of cases) {
        it(entry.name, () => {
            expect(refusalOf(entry.yaml)).to.equal(entry.sentences.length === 0 ? "" : refusal(...entry.sentences));
        });
    }

    it("refuses a stack file that is not UTF-8 at the line of its first bad byte", () => {
        const dir = scratchProject({});
        fs.writeFileSync(
            path.join(dir, "Pulumi.s.yaml"),
            Buffer.concat([Buffer.from(`config:\n${kindPair}`), Buffer.from([0x23, 0xff, 0x0a])]),
        );
        try {
            expect(() => readStackFiles(dir, "s")).to.throw(
                refusal("line 5 holds bytes that are not UTF-8 text, which the Pulumi CLI refuses; fix: save Pulumi.s.yaml as UTF-8."),
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("names . and .. as directories, not stacks", () => {
        const dir = scratchProject({ s: `config:\n${kindPair}` });
        try {
            expect(() => readStackFiles(dir, "..")).to.throw(
                'stack name is invalid (1 problem):\n  - --stack = ".." names a directory, not a stack; ' +
                    "fix: give the name of a Pulumi.<stack>.yaml in this directory: s.",
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("render --out refusals", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "out-"));
    const file = path.join(scratch, "a-file");
    fs.writeFileSync(file, "x");
    const refused = (out: string, problem: string): string =>
        `output directory is invalid (1 problem):\n  - --out = ${JSON.stringify(out)} ${problem}; fix: give a new or empty directory`;
    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    const outCases: readonly (readonly [string, string, string])[] = [
        ["a file", file, refused(file, "is a file, not a directory") + "."],
        [
            "a path under a file",
            path.join(file, "sub"),
            refused(path.join(file, "sub"), "cannot be created or read (a part of its path is a file)") + " in a writable place.",
        ],
        [
            "a path Node's recursive mkdir never returns on",
            "/proc/render-out",
            refused("/proc/render-out", "cannot be created or read (the file system refuses it)") + " in a writable place.",
        ],
        [
            "a directory of other files",
            scratch,
            refused(
                scratch,
                "already holds files that npm run render did not write (no .multicluster-render in it), " +
                    "and a render never clears what it did not create",
            ) + ".",
        ],
    ];
    for (const [name, out, message] of outCases) {
        it(`refuses ${name} in the one format, promptly`, () => {
            expect(() => writeArtifacts(out, new Map())).to.throw(ConfigValidationError, message);
        });
    }

    it("creates missing parents and writes the files", () => {
        const out = path.join(scratch, "new", "deep");
        writeArtifacts(out, new Map([["helm/east/values.yaml", "a: 1\n"]]));
        expect(fs.readFileSync(path.join(out, "helm", "east", "values.yaml"), "utf8")).to.equal("a: 1\n");
    });
});
