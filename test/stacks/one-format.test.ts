// Issue 17, validation holes 3 and 4: every refusal of a stack file, from YAML syntax to config rules, is one
// message in one format (a heading naming the file, one `key = value problem; fix: ...` bullet per problem), and
// every key path in it can be read back: a key that is not a plain name is quoted.
import { expect } from "chai";
import { heading, refusal, refusalOf } from "./stack-file-refusal";

const kindPair = "  multicluster:clusters: [{ name: east, provisioner: kind }, { name: west, provisioner: kind }]\n";
const VIA_JSON = "a config value cannot hold (Pulumi passes values to the program as JSON)";
const SECRETS = "only sshPrivateKey, contrailRegistryAuth and aviPassword are secrets";

/** Hostile stack files that the engine refuses before the program runs, and the program's own refusals, side by side. */
const cases: readonly { readonly name: string; readonly yaml: string; readonly sentences: readonly string[] }[] = [
    {
        name: "a file that is not valid YAML names the line",
        yaml: "config:\n  multicluster:clusters:\n    - name: east\n   provisioner: kind\n",
        sentences: [
            "line 4 is not valid YAML (bad indentation of a mapping entry); " +
                "fix: correct that line (indent with spaces, quote values that contain ': ' or start with '*', '&', '!' or '%').",
        ],
    },
    {
        name: "an unclosed quote names the line where it opens",
        yaml: `config:\n  multicluster:clusters:\n    - name: 'east\n      provisioner: kind\n${"  # padding\n".repeat(3)}`,
        sentences: [
            "line 3 opens a single-quoted value that is never closed (the file ends inside it), so the file is not valid YAML; fix: close the quote with ' on line 3.",
        ],
    },
    {
        name: "the same for a double-quoted value",
        yaml: `config:\n  multicluster:clusters:\n    - name: "east\n      provisioner: kind\n${"  # padding\n".repeat(5)}`,
        sentences: [
            'line 3 opens a double-quoted value that is never closed (the file ends inside it), so the file is not valid YAML; fix: close the quote with " on line 3.',
        ],
    },
    {
        name: "a duplicated key names the key and its line",
        yaml: `config:\n${kindPair}  multicluster:mesh: { kind: none }\n  multicluster:mesh: { kind: none }\n`,
        sentences: ['line 4 repeats the key "multicluster:mesh" of its map, so the file is not valid YAML; fix: keep each key once.'],
    },
    {
        name: "anchors are refused at their key, every one, and their aliases never expand",
        yaml: `config:\n${kindPair}  multicluster:network: &net { podPrefix: 16 }\n  multicluster:ssh: { user: &u ubuntu, port: 22 }\n  other:x: [*net, *u]\n`,
        sentences: [
            "multicluster:network on line 3 carries the YAML anchor &net, which a stack file may not use (an alias of it expands by reference, without bound); fix: write every value out.",
            "multicluster:ssh.user on line 4 carries the YAML anchor &u, which a stack file may not use (an alias of it expands by reference, without bound); fix: write every value out.",
        ],
    },
    {
        name: "unsupported YAML, an unknown top-level key and a key given twice come together",
        yaml: `confg: {}\nconfig:\n${kindPair}  multicluster:network: { podPrefix: -.inf, supernet: !!str 10.64.0.0/10, x: !ref y }\n  network: {}\n`,
        sentences: [
            `multicluster:network.podPrefix = -.inf on line 4 is YAML's infinity, which ${VIA_JSON}; fix: write a number, or quote it ("-.inf") if it is text.`,
            `multicluster:network.x on line 4 is tagged !ref, a YAML type ${VIA_JSON}; fix: remove the tag and write the value itself (quote it if it is text).`,
            'confg = [not shown] is not a top-level key Pulumi reads (config, secretsprovider, encryptedkey, encryptionsalt, environment); fix: put every setting under "config:".',
            'multicluster:network is given twice, as "multicluster:network" and as "network", and Pulumi would silently use one of them; fix: keep one, written multicluster:network.',
        ],
    },
    {
        name: "nesting deeper than any setting needs names the line",
        yaml: `config:\n${kindPair}  multicluster:cni:\n    kind: cilium\n    values: ${"[".repeat(80)}1${"]".repeat(80)}\n`,
        sentences: [
            "line 5 nests the values more than 64 levels deep, which no setting needs; fix: flatten them to the structure the README's config reference shows.",
        ],
    },
    {
        name: "a file or a config that is not a map",
        yaml: "config: [a, b]\n",
        sentences: ['config = [not shown] is not a map of keys to values; fix: list one "namespace:key: value" per line under it.'],
    },
    {
        name: "secure: on a plain key, beside a config rule: the program's refusal has the same format",
        yaml: `config:\n${kindPair}  multicluster:mesh: { secure: v1:AAAABBBB }\n  multicluster:network: { podPrefix: 4 }\n`,
        sentences: [
            `mesh = [not shown] is a secret (\`secure:\`) value, but this setting is plain configuration; fix: write mesh in plain text (pulumi config set without --secret); ${SECRETS}.`,
            "network.podPrefix = 4 is below the minimum 8; fix: use 8 or more.",
        ],
    },
    {
        name: "label keys that are not plain names are quoted, in the program's and the engine's paths",
        yaml:
            "config:\n  multicluster:clusters:\n    - name: east\n      provisioner: kubeadm\n      controlPlanes:\n" +
            '        - host: 172.26.0.141\n          labels: { "bad key!": x, "a;b": y, example.com/tier: "web app", node.role: ok }\n',
        sentences: [
            "clusters[0].controlPlanes[0].labels[\"bad key!\"] = \"x\" is not a valid Kubernetes label; fix: use a key like example.com/role and a value of at most 63 letters, digits, '-', '_' or '.'.",
            "clusters[0].controlPlanes[0].labels[\"a;b\"] = \"y\" is not a valid Kubernetes label; fix: use a key like example.com/role and a value of at most 63 letters, digits, '-', '_' or '.'.",
            "clusters[0].controlPlanes[0].labels[\"example.com/tier\"] = \"web app\" is not a valid Kubernetes label; fix: use a key like example.com/role and a value of at most 63 letters, digits, '-', '_' or '.'.",
        ],
    },
    {
        name: "unknown keys with spaces, dots or quotes are quoted, at the top level and below",
        yaml: `config:\n${kindPair}  multicluster:ssh: { "user name": ubuntu, a.b: 1 }\n  "multicluster:mesh;x": 1\n  multicluster:cni: { kind: cilium, values: { "x y": .nan } }\n`,
        sentences: [
            `multicluster:cni.values["x y"] = .nan on line 5 is YAML's not-a-number, which ${VIA_JSON}; fix: write a number, or quote it (".nan") if it is text.`,
        ],
    },
    {
        name: "the same unknown keys, once the file reads, in the program's refusal",
        yaml:
            "config:\n  multicluster:clusters: [{ name: k1, provisioner: kubeadm, controlPlanes: [{ host: 172.26.0.141 }] }]\n" +
            '  multicluster:ssh: { "user name": ubuntu, a.b: 1 }\n  "multicluster:mesh;x": 1\n',
        sentences: [
            'multicluster:"mesh;x" = [not shown] is not a config key of this project; fix: write multicluster:mesh (keys are case-sensitive), or remove it.',
            'ssh["user name"] = [not shown] is not a known setting; fix: remove it or use one of "user", "port", "bastion".',
            'ssh["a.b"] = [not shown] is not a known setting; fix: remove it or use one of "user", "port", "bastion".',
        ],
    },
];

/**
 * The keys a bullet names, read back from its key path at the start (`a.b[0]["c d"] = ...` → `a`, `b`, `0`, `c d`;
 * a full key `multicluster:"mesh;x"` → `mesh;x`); the path must end at a space.
 */
function keysOf(sentence: string): string[] {
    const keys: string[] = [];
    const quoted = '"(?:[^"\\\\]|\\\\.)*"';
    const first = new RegExp(`^(?:[a-z]+:)?(?:([A-Za-z0-9_-]+)|(${quoted}))`).exec(sentence);
    const segment = new RegExp(`^(?:\\.([A-Za-z0-9_-]+)|\\[(\\d+)\\]|\\[(${quoted})\\])`);
    let rest = sentence.slice(first?.[0].length ?? 0);
    keys.push(first?.[1] ?? (JSON.parse(first?.[2] ?? "null") as string));
    for (let match = segment.exec(rest); match; match = segment.exec(rest)) {
        keys.push(match[1] ?? match[2] ?? (JSON.parse(match[3]) as string));
        rest = rest.slice(match[0].length);
    }
    expect(rest[0], sentence).to.equal(" ");
    return keys;
}

describe("stack files: one refusal format, key paths that read back (issue 17)", () => {
    for (const entry of cases) {
        it(entry.name, () => {
            expect(refusalOf(entry.yaml)).to.equal(refusal(...entry.sentences));
        });
    }

    it("starts every refusal with the heading naming the file, one bullet per problem, each one sentence with one fix", () => {
        for (const entry of cases) {
            const [first, ...bullets] = refusalOf(entry.yaml).split("\n");
            expect(first).to.equal(heading(entry.sentences.length));
            bullets.forEach((bullet) => expect(bullet).to.match(/^ {2}- \S.* [^;]+; fix: [^;].*\.$/));
        }
    });

    it("prints every key path so that it reads back into its keys", () => {
        const read = cases
            .flatMap((entry) => entry.sentences)
            .filter((sentence) => !sentence.startsWith("line "))
            .map(keysOf);
        expect(read).to.deep.include.members([
            ["clusters", "0", "controlPlanes", "0", "labels", "bad key!"],
            ["clusters", "0", "controlPlanes", "0", "labels", "a;b"],
            ["clusters", "0", "controlPlanes", "0", "labels", "example.com/tier"],
            ["mesh;x"],
            ["ssh", "user name"],
            ["ssh", "a.b"],
            ["cni", "values", "x y"],
            ["network", "podPrefix"],
        ]);
    });
});
