// The secret-safety and value-kind helpers every area's validation uses: key material by shape, URL credentials
// scrubbed wherever a value is shown, key paths that read back, and values checked as what they are.
import { expect } from "chai";
import { durationProblem, imageReferenceProblem, portProblem, urlProblem } from "../../components/shared/value-kinds";
import {
    issue,
    keyMaterialKind,
    keyPath,
    mayBeSecret,
    scrubCredentials,
    scrubSecrets,
    showValue,
} from "../../components/shared/validation";

const OPENSSH = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----";
const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2hhcnRDQQ==\n-----END CERTIFICATE-----";

describe("key material by shape", () => {
    const kinds: [string, string | undefined][] = [
        ["-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", "a PEM private key block"],
        ["-----BEGIN ENCRYPTED PRIVATE KEY----- MIIE", "a PEM private key block"],
        ["-----BEGIN PGP PRIVATE KEY BLOCK-----", "a PEM private key block"],
        [OPENSSH, "an OpenSSH private key"],
        ["b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", "an OpenSSH private key"],
        [Buffer.from("-----BEGIN EC PRIVATE KEY-----\nMHcC\n").toString("base64"), "a base64-encoded PEM private key"],
        ["PuTTY-User-Key-File-3: ssh-ed25519", "a PuTTY private key"],
        ["AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ", "an age secret key"],
        ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N", "a JSON Web Token"],
        ["ghp_R8x2Kq9LmN3vB7cT5yW1zA4dF6hJ0sPuXe2Q", "a GitHub token"],
        ["glpat-abcdefghij0123456789", "a GitLab token"],
        ["xoxb-1234567890-abcdef", "a Slack token"],
        ["https://robot:pa55@quay.example.com/x", "a password inside a URL (user:password@)"],
        [CERTIFICATE, undefined],
        [Buffer.from(`${CERTIFICATE}\n`).toString("base64"), undefined],
        ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRVc6HUpbHDvWH2G8SwrxRS6clTSohQo+JVfewpAGHE", undefined],
        ["kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5", undefined],
        ["https://charts.example.com/repo", undefined],
        ["ssh://git@github.com/org/repo", undefined],
    ];
    for (const [text, kind] of kinds) {
        it(`${kind ?? "nothing secret"}: ${text.slice(0, 40).replace(/\n/g, "\\n")}`, () => {
            expect(keyMaterialKind(text)).to.equal(kind);
        });
    }
});

describe("URL credentials are never shown", () => {
    it("scrubs the user info of a URL and user:password@ of a URL-like value, and keeps image digests, e-mail and SSH addresses", () => {
        expect(
            scrubCredentials("pull https://robot:s3cret@quay.io/x and https://tok3n@github.com, or robot:s3cret@registry.lab/cn2"),
        ).to.equal("pull https://[not shown]@quay.io/x and https://[not shown]@github.com, or [not shown]@registry.lab/cn2");
        expect(scrubCredentials("nginx:1.25@sha256:abc, ops@example.com, sk-ssh-ed25519@openssh.com")).to.equal(
            "nginx:1.25@sha256:abc, ops@example.com, sk-ssh-ed25519@openssh.com",
        );
    });

    it("shows no part of a credential in a value cut for length, nor in a value inside a map", () => {
        const token = "Zq".repeat(60);
        expect(showValue(`user:${token}@registry.example.com/very/long/path`)).to.equal(
            '"[not shown]@registry.example.com/very/long/path"',
        );
        expect(showValue(`https://x:${token}@quay.io/${"a".repeat(80)}`)).to.equal("[not shown]");
        expect(showValue({ repo: "https://bot@quay.io/x" })).to.equal('{"repo":"https://[not shown]@quay.io/x"}');
    });

    it("keeps the credentials out of the whole sentence: value, problem and fix", () => {
        const found = issue(
            "mesh.registry",
            "robot:s3cret@registry.lab/cn2",
            "is not https://robot:s3cret@registry.lab",
            "use robot:s3cret@registry.lab/x",
        );
        expect(found.message).to.equal(
            'mesh.registry = "[not shown]@registry.lab/cn2" is not https://[not shown]@registry.lab; fix: use [not shown]@registry.lab/x.',
        );
    });

    it("refuses credentials where a URL is expected, with or without a scheme", () => {
        const refused = {
            problem: "carries credentials in the URL, which would be stored and printed in clear",
            fix: "remove user:password@ and give the credentials as a secret setting",
        };
        expect(urlProblem("https://robot:s3cret@quay.example.com/x")).to.deep.equal(refused);
        expect(urlProblem("robot:s3cret@quay.example.com/x")).to.deep.equal(refused);
        expect(urlProblem("https://tok3n@quay.example.com/x")).to.deep.equal(refused);
        expect(urlProblem("https://quay.example.com/x@y")).to.equal(undefined);
    });
});

describe("key paths that read back", () => {
    it("quotes a key that is not a plain name, and hides the value of a quoted secret-named key", () => {
        expect([
            keyPath("", "labels"),
            keyPath("labels", "tier-1"),
            keyPath("x", 0),
            keyPath("labels", "bad key!"),
            keyPath("labels", "a.b/c"),
            keyPath("", ""),
        ]).to.deep.equal(["labels", "labels.tier-1", "x[0]", 'labels["bad key!"]', 'labels["a.b/c"]', '[""]']);
        expect(keyPath("mesh", "k".repeat(100))).to.equal(`mesh["${"k".repeat(40)}... (100 characters)"]`);
        expect(issue(keyPath("labels", "db password"), "hunter2", "is bad", "rename it").message).to.equal(
            'labels["db password"] = [not shown] is bad; fix: rename it.',
        );
    });
});

describe("values checked as what they are", () => {
    it("image references, ports and durations", () => {
        expect(imageReferenceProblem("quay.io/cilium/cilium:v1.20.0")).to.equal(undefined);
        expect(imageReferenceProblem("registry.lab:5000/a/b@sha256:" + "0".repeat(64), { digest: true })).to.equal(undefined);
        expect(imageReferenceProblem("quay.io/cilium/cilium:v1.20.0", { digest: true })?.problem).to.equal("is not pinned by digest");
        expect(
            ["Quay.io/UPPER:1", "x:1 ; reboot", "a//b", ""].map((text) => imageReferenceProblem(text)?.problem.slice(0, 26)),
        ).to.deep.equal(Array(4).fill("is not an image reference "));
        expect([1, 65535, 0, 65536, 1.5].map((port) => portProblem(port) === undefined)).to.deep.equal([true, true, false, false, false]);
        expect(["30s", "1h30m", "500ms", "0s", "30", "5 m", "-1s"].map((text) => durationProblem(text) === undefined)).to.deep.equal([
            true,
            true,
            true,
            false,
            false,
            false,
            false,
        ]);
    });
});

describe("secret screening of long values", () => {
    // A 200 KB value once took minutes: a scheme pattern was tried from every letter of a run (issue 17, hostile pass).
    const shapes = ["n".repeat(200000), "a:".repeat(100000), "a://b".repeat(40000), " a:".repeat(60000), "-----BEGIN A-----".repeat(10000)];
    for (const text of shapes) {
        it(`screens ${JSON.stringify(text.slice(0, 12))}... (${text.length} characters) in linear time`, () => {
            const started = Date.now();
            [mayBeSecret(text), keyMaterialKind(text), showValue(text), scrubSecrets(text)].forEach(() => undefined);
            expect(Date.now() - started).to.be.below(2000);
        });
    }

    it("still scrubs the credentials of a URL inside a long run of letters", () => {
        expect(scrubCredentials(`${"n".repeat(50)} https://user:pw@host`)).to.equal(`${"n".repeat(50)} https://[not shown]@host`);
        expect(keyMaterialKind(`x${"n".repeat(50)}https://user:pw@host`)).to.equal("a password inside a URL (user:password@)");
        expect(keyMaterialKind("see https://user:pw@host")).to.equal("a password inside a URL (user:password@)");
    });
});
