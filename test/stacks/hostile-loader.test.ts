import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigValidationError } from "../../components/shared/validation";
import { RawStackConfig, decodeConfigValue } from "../../stacks/config/load";
import { parseStackConfig } from "../../stacks/validate";
import { kindA, kindB, kubeadmA, kubeadmB } from "../cases/bad-configs";
import { StackFileError, parseYamlFile, readStackFiles } from "../../tools/engine/stack-files";

const projectDir = path.resolve(__dirname, "..", "..");

function problems(values: Record<string, unknown>, secretKeys: string[] = []): string[] {
    const raw: RawStackConfig = { project: "multicluster", stack: "test", values, secretKeys, foreignKeys: [] };
    try {
        parseStackConfig(raw);
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigValidationError);
        return (error as ConfigValidationError).issues.map((entry) => entry.message);
    }
    return [];
}

/** A kubeadm cluster whose worker has the given taints. */
const tainted = (taints: unknown) => ({ ...kubeadmA, workers: [{ host: "172.26.0.142", taints }] });

/** Loader cases: values as Pulumi hands them over, and every sentence expected, in order. */
const cases: { name: string; values: Record<string, unknown>; secretKeys?: string[]; messages: string[] }[] = [
    {
        name: "taints of the wrong shape are each reported; the taint rules wait until the clusters parse",
        values: {
            clusters: [
                tainted([
                    { key: "dedicated", value: "gpu", effect: "NoScheduel" },
                    { key: "a b", effect: "NoExecute" },
                    null,
                    { key: "ok", value: "x y", effect: "NoSchedule" },
                ]),
            ],
        },
        messages: [
            'clusters[0].workers[0].taints[0].effect = "NoScheduel" is not one of "NoSchedule", "PreferNoSchedule", "NoExecute"; fix: write "NoSchedule" (values are case-sensitive), or use another of those values.',
            "clusters[0].workers[0].taints[2] = null is not a map of settings; fix: write it as a map of settings.",
        ],
    },
    {
        name: "taints of the right shape are checked by the provisioner's rules",
        values: {
            clusters: [
                tainted([
                    { key: "a b", effect: "NoExecute" },
                    { key: "ok", value: "x y", effect: "NoSchedule" },
                ]),
            ],
        },
        messages: [
            'clusters[0].workers[0].taints[0].key = "a b" is not a valid taint key (taint keys follow the label key rules); fix: use a key like example.com/dedicated.',
            "clusters[0].workers[0].taints[1].value = \"x y\" is not a valid taint value (at most 63 letters, digits, '-', '_' or '.'); fix: use a value like \"gpu\", or leave it out.",
        ],
    },
    {
        name: "a cluster without a provisioner: one sentence for it, and its other fields still checked",
        values: { clusters: [kindA, { name: 5, podCidr: "10.245.0.0/16", serviceCidr: "10.97.0.0/16", workers: 1, podCIDR: "x" }] },
        messages: [
            'clusters[1].provisioner is missing; fix: set it to "kubeadm" or "kind".',
            "clusters[1].name = 5 is a number, not text; fix: write it in quotes, as text.",
            'clusters[1].podCIDR = [not shown] is not a known setting; fix: write "podCidr" (keys are case-sensitive), or remove it.',
        ],
    },
    {
        name: "a misspelled provisioner key is one mistake, not also a missing provisioner",
        values: { clusters: [kindA, { name: "west", provisionr: "kind" }] },
        messages: [
            'clusters[1].provisionr = [not shown] is not a known setting; fix: write "provisioner" (keys are case-sensitive), or remove it.',
        ],
    },
    {
        name: "a misspelled top-level key is one mistake, not also a missing key",
        values: { "clusters ": [kindA] },
        messages: [
            'multicluster:"clusters " = [not shown] is not a config key of this project; fix: remove the spaces around the key: write multicluster:clusters.',
        ],
    },
    {
        name: "a union of literals names its values; an exclusive bound is said as one",
        values: { clusters: [kindA, kindB], cni: { kind: "cilium" }, mesh: { kind: "cilium-clustermesh", maxConnectedClusters: 300 } },
        messages: ["mesh.maxConnectedClusters = 300 is not one of 255, 511; fix: use one of those values."],
    },
    {
        name: "a bound that excludes its value",
        values: {
            clusters: [
                { ...kindA, loadBalancerPools: ["172.18.255.200-172.18.255.219"] },
                { ...kindB, loadBalancerPools: ["172.18.255.220-172.18.255.239"] },
            ],
            mesh: { kind: "linkerd", trust: { issuerValidityHours: 0, anchorValidityHours: 1e20 } },
        },
        messages: [
            "mesh.trust.anchorValidityHours = about 1.000e+20 is a whole number too large to be held exactly (beyond 2^53), so it cannot be passed on as written; fix: use a smaller number, or quote it if it is text.",
            "mesh.trust.issuerValidityHours = 0 must be above 0; fix: use 1 or more.",
        ],
    },
    {
        name: "whole numbers too large to hold exactly: one sentence each, never a rounded number",
        values: {
            clusters: [kindA, kindB],
            cni: decodeConfigValue('{"kind":"cilium","values":{"x":12345678901234567890}}'),
            mesh: decodeConfigValue('{"kind":"cilium-clustermesh","nodePort":9007199254740993}'),
        },
        messages: [
            "cni.values.x = about 1.235e+19 is a whole number too large to be held exactly (beyond 2^53), so it cannot be passed on as written; fix: use a smaller number, or quote it if it is text.",
            "mesh.nodePort = about 9.007e+15 is a whole number too large to be held exactly (beyond 2^53), so it cannot be passed on as written; fix: use a smaller number, or quote it if it is text.",
        ],
    },
    {
        name: "null is shown as null, text where a number or true/false belongs is told to lose its quotes",
        values: { clusters: null, ssh: { port: "22" }, cni: { kind: "cilium", hubble: "yes" }, network: { supernet: 10 } },
        messages: [
            "clusters = null is not a list; fix: write it as a list.",
            'ssh.port = "22" is text, not a number; fix: write it without quotes: 22.',
            'cni.hubble = "yes" is text, not true or false; fix: write true without quotes.',
            "network.supernet = 10 is a number, not text; fix: write it in quotes, as text.",
        ],
    },
    {
        name: "a broken cluster entry is not a kind cluster: no rule about the provisioner the user wrote",
        values: {
            clusters: [{ ...kubeadmA, controlPlanes: "172.26.0.141" }, kubeadmB],
            mesh: { kind: "contrail", central: "k8s-01" },
            versions: { contrail: "23.4" },
        },
        secretKeys: ["contrailRegistryAuth"],
        messages: ['clusters[0].controlPlanes = "172.26.0.141" is not a list; fix: write it as a list.'],
    },
    {
        name: "nothing is allocated from a broken supernet or prefix",
        values: {
            clusters: [
                { name: "a", provisioner: "kind" },
                { name: "b", provisioner: "kind" },
            ],
            network: { supernet: "10.64.0.0/33", podPrefix: 4 },
        },
        messages: [
            'network.supernet = "10.64.0.0/33" is not a CIDR; fix: write an aligned IPv4 block that no node, pool or explicit range uses, e.g. "10.64.0.0/10".',
            "network.podPrefix = 4 is below the minimum 8; fix: use 8 or more.",
        ],
    },
    {
        name: "values nested deeper than any setting needs",
        values: {
            clusters: [kindA],
            cni: { kind: "cilium", values: Array.from({ length: 70 }).reduce<unknown>((inner) => ({ a: inner }), 1) },
        },
        messages: [
            'cni = {"kind":"cilium","values":{"a":{"a":"..."}}} nests lists and maps more than 64 levels deep, which no setting needs; ' +
                "fix: flatten it to the structure the README's config reference shows.",
        ],
    },
];

/** Every config key given a value of the wrong type at once. */
const everyKeyWrong: Record<string, unknown> = {
    clusters: [
        {
            name: 1,
            provisioner: "kind",
            id: "x",
            podCidr: [],
            serviceCidr: {},
            podCidrV6: 5,
            serviceCidrV6: true,
            loadBalancerPools: "a",
            skipKubeProxy: "no",
            workers: "2",
        },
    ],
    ssh: { user: 5, port: "22", bastion: [] },
    versions: { kubernetes: 1.31, cilium: 1.16 },
    cni: { kind: "cilium", kubeProxyReplacement: "on", routingMode: 1, hubble: [], values: [] },
    loadBalancer: { kind: "metallb", values: "x" },
    mesh: { kind: "cilium-clustermesh", exposure: [], nodePort: "x", maxConnectedClusters: "255", apiServerIps: [], demo: 1 },
    ingress: { kind: "cilium", extra: 1 },
    network: { supernet: 10, podPrefix: "16", servicePrefix: null },
};

/** JavaScript wording that must never reach a user. */
const JS_ISMS =
    /is not a array|9007199254740991|9007199254740992|\bNaN\b|Infinity|"null"|\[object Object\]|RangeError|TypeError|undefined|received /;

describe("stack config loader: hostile values", () => {
    for (const entry of cases) {
        it(entry.name, () => {
            expect(problems(entry.values, entry.secretKeys)).to.deep.equal(entry.messages);
        });
    }

    it("reports every key of the wrong type together, one sentence per value, in plain words", () => {
        const given = Object.entries(everyKeyWrong).flatMap(([key, value]) =>
            Object.keys(Array.isArray(value) ? (value[0] as object) : (value as object))
                .filter((field) => !["kind", "provisioner"].includes(field))
                .map((field) => (key === "clusters" ? `clusters[0].${field}` : `${key}.${field}`)),
        );
        const paths = problems(everyKeyWrong).map((message) => message.split(" ")[0]);
        expect(paths).to.include.members(given);
        expect(new Set(paths).size).to.equal(paths.length);
    });

    it("never words a message the JavaScript way, and says one sentence per value", () => {
        for (const messages of [...cases.map((entry) => problems(entry.values, entry.secretKeys)), problems(everyKeyWrong)]) {
            for (const message of messages) {
                expect(message).not.to.match(JS_ISMS);
                expect(message.match(/; fix: /g), message).to.have.length(1);
            }
            const paths = messages.map((message) => message.split(" ")[0]);
            expect(new Set(paths).size, messages.join("\n")).to.equal(paths.length);
        }
    });

    it("decodes config text the same way for pulumi up and the render: JSON and null; plain text stays text", () => {
        expect(decodeConfigValue("null")).to.equal(null);
        expect(decodeConfigValue("dev-east")).to.equal("dev-east");
        expect(decodeConfigValue('[1, "9007199254740993"]')).to.deep.equal([1, "9007199254740993"]);
        expect(decodeConfigValue('{"a": {"b": true}}')).to.deep.equal({ a: { b: true } });
    });
});

/** A throwaway project dir with this project's Pulumi.yaml, the given stack files and an index.ts (this project's program by default). */
function scratchProject(stacks: Record<string, string>, program?: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"));
    fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    Object.entries(stacks).forEach(([stack, yaml]) => fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml));
    fs.writeFileSync(path.join(dir, "index.ts"), program ?? `export = require(${JSON.stringify(path.join(projectDir, "index.ts"))});\n`);
    return dir;
}

/** Runs the render CLI in `cwd`. */
function renderCli(cwd: string, args: string[]): { status: number | null; stderr: string } {
    const result = spawnSync(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), path.join(projectDir, "tools", "render-cli.ts"), ...args],
        { cwd, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(projectDir, "tsconfig.json") } },
    );
    return { status: result.status, stderr: result.stderr };
}

const kindPair = "  multicluster:clusters: [{ name: east, provisioner: kind }, { name: west, provisioner: kind }]\n";
/** The refusal of a stack file that is a directory. */
const DIRECTORY_REFUSAL =
    "stack config Pulumi.dirstack.yaml (namespace multicluster) is invalid (1 problem):\n" +
    "  - Pulumi.dirstack.yaml is a directory, not a stack or project file; fix: remove or rename it, and keep the config in a file named Pulumi.dirstack.yaml.";

describe("stack files: hostile YAML", () => {
    it("reads YAML as the Pulumi CLI does: dates, yes and on stay text; a BOM and CRLF line ends are fine", () => {
        expect(
            parseYamlFile("\ufeffconfig:\r\n  a: 2024-01-01\r\n  b: yes\r\n  c: on\r\n  d: 0x10\r\n  e: ~\r\n", "Pulumi.x.yaml"),
        ).to.deep.equal({ config: { a: "2024-01-01", b: "yes", c: "on", d: 16, e: null } });
    });

    it("refuses every value Pulumi cannot pass on, together, each with its line, key and fix", () => {
        const yaml =
            "config:\n  multicluster:mesh:\n    nodePort: .inf\n    id: .nan\n    demo: !!binary aGVsbG8=\n  multicluster:cni: { kind: !cilium x, port: 010 }\n";
        expect(() => parseYamlFile(yaml, "Pulumi.x.yaml")).to.throw(
            StackFileError,
            [
                "Pulumi.x.yaml is invalid (5 problems):",
                "  - multicluster:mesh.nodePort = .inf on line 3 is YAML's infinity, which a config value cannot hold (Pulumi passes values to the program as JSON); " +
                    'fix: write a number, or quote it (".inf") if it is text.',
                "  - multicluster:mesh.id = .nan on line 4 is YAML's not-a-number, which a config value cannot hold (Pulumi passes values to the program as JSON); " +
                    'fix: write a number, or quote it (".nan") if it is text.',
                "  - multicluster:mesh.demo on line 5 is tagged !!binary, a YAML type a config value cannot hold (Pulumi passes values to the program as JSON); " +
                    "fix: remove the tag and write the value itself (quote it if it is text).",
                "  - multicluster:cni.kind on line 6 is tagged !cilium, a YAML type a config value cannot hold (Pulumi passes values to the program as JSON); " +
                    "fix: remove the tag and write the value itself (quote it if it is text).",
                "  - multicluster:cni.port = 010 on line 6 has a leading zero, which YAML readers disagree on (the Pulumi CLI reads it as octal, 8; others as 10); " +
                    'fix: write 10, or 8 if octal was meant, or quote it ("010") if it is text.',
            ].join("\n"),
        );
    });

    it("bounds nesting, naming the line where it passes the bound, long before the parser could run out of stack", () => {
        const deep = `config:\n  multicluster:cni:\n    kind: cilium\n    values: ${"{a: ".repeat(3000)}1${"}".repeat(3000)}\n`;
        expect(() => parseYamlFile(deep, "Pulumi.x.yaml")).to.throw(
            StackFileError,
            /^Pulumi\.x\.yaml is invalid \(1 problem\):\n {2}- line 4 nests the values more than 64 levels deep, which no setting needs; fix: flatten them/,
        );
    });

    it("passes whole numbers beyond the exact range on with their digits, as the Pulumi CLI does", () => {
        const dir = scratchProject({
            big: `config:\n${kindPair}  multicluster:mesh: { kind: cilium-clustermesh, nodePort: 9007199254740993 }\n`,
        });
        const text = readStackFiles(dir, "big").config["multicluster:mesh"];
        expect(text).to.equal('{"kind":"cilium-clustermesh","nodePort":9007199254740993}');
        expect(decodeConfigValue(text)).to.deep.equal(decodeConfigValue('{"kind": "cilium-clustermesh", "nodePort": 9007199254740993}'));
    });

    it("names a stack file that is a directory, and says a stack name is too long rather than malformed", () => {
        const dir = scratchProject({ ok: `config:\n${kindPair}` });
        fs.mkdirSync(path.join(dir, "Pulumi.dirstack.yaml"));
        expect(() => readStackFiles(dir, "dirstack")).to.throw(StackFileError, DIRECTORY_REFUSAL);
        const long = "stack-".repeat(17);
        expect(() => readStackFiles(dir, long)).to.throw(
            StackFileError,
            `stack name is invalid (1 problem):\n  - --stack = ${JSON.stringify(long.slice(0, 60))}... (102 characters) ` +
                "is longer than 100 characters, the most a stack name has; fix: give the name of a Pulumi.<stack>.yaml in this directory: ok.",
        );
    });

    it("CLI: exits 1 with one sentence for a directory as stack file and for a value Pulumi cannot pass on", function () {
        this.timeout(240_000); // two processes of the program: slow on a loaded machine
        const dir = scratchProject({ inf: `config:\n${kindPair}  multicluster:network: { podPrefix: .inf }\n` });
        fs.mkdirSync(path.join(dir, "Pulumi.dirstack.yaml"));
        expect(renderCli(dir, ["--stack", "dirstack"])).to.deep.equal({ status: 1, stderr: `${DIRECTORY_REFUSAL}\n` });
        const inf = renderCli(dir, ["--stack", "inf"]);
        expect(inf.status).to.equal(1);
        expect(inf.stderr).to.match(
            /^stack config Pulumi\.inf\.yaml \(namespace multicluster\) is invalid \(1 problem\):\n {2}- multicluster:network\.podPrefix = \.inf on line 3 is YAML's infinity, [^\n]+\.\n$/,
        );
    });

    it("CLI: a component's validation error inside the program prints its message, without a stack trace, and exits 1", () => {
        const validation = JSON.stringify(path.join(projectDir, "components", "shared", "validation"));
        const program =
            `import * as pulumi from ${JSON.stringify(require.resolve("@pulumi/pulumi"))};\nimport { ConfigValidationError, issue } from ${validation};\n` +
            'new pulumi.ComponentResource("test:index:Thing", "thing").urn.apply(() => {\n' +
            '    throw new ConfigValidationError("Thing thing", [issue("apex", "x", "is bad", "rename it")]);\n});\nexport const out = 1;\n';
        const result = renderCli(scratchProject({ s: `config:\n${kindPair}` }, program), ["--stack", "s"]);
        expect(result).to.deep.equal({
            status: 1,
            stderr: 'Thing thing is invalid (1 problem):\n  - apex = "x" is bad; fix: rename it.\n',
        });
    });
});
