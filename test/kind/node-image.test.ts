// versions.kindNodeImage checked as what it is, in order: credentials (never shown), an image reference, then a digest pin.
import { expect } from "chai";
import { ConfigValidationError } from "../../components/shared/validation";
import { parseStackConfig } from "../../stacks/validate";

const DIGEST = "a".repeat(64);
const NOT_A_REFERENCE =
    "is not an image reference (registry/name:tag@sha256:<digest>, without spaces, quotes or shell characters); " +
    "fix: copy the image reference from the kind release notes, e.g. kindest/node:v1.36.1@sha256:<64 hex digits>.";

function problems(kindNodeImage: string): string[] {
    const values = { clusters: [{ name: "east", provisioner: "kind" }], versions: { kindNodeImage } };
    try {
        parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys: [] });
        return [];
    } catch (error) {
        return (error as ConfigValidationError).issues.map((found) => found.message);
    }
}

describe("kind node image (versions.kindNodeImage)", () => {
    const rows: [string, string, string][] = [
        [
            "a shell command after the tag is no image reference, not merely unpinned",
            "kindest/node:v1.36.1; rm -rf ~",
            `versions.kindNodeImage = "kindest/node:v1.36.1; rm -rf ~" ${NOT_A_REFERENCE}`,
        ],
        [
            "an upper-case path is no image reference",
            `Kindest/Node:v1.36.1@sha256:${DIGEST}`,
            `versions.kindNodeImage = "Kindest/Node:v1.36.1@sha256:${"a".repeat(32)}"... (92 characters) ${NOT_A_REFERENCE}`,
        ],
        [
            "credentials are named first and never shown",
            "user:pw@reg/node:v1",
            'versions.kindNodeImage = "[not shown]@reg/node:v1" carries credentials (user:password@), which would be stored and printed in clear; ' +
                "fix: remove user:password@ and give the credentials as a secret setting.",
        ],
        [
            "a well-formed reference without a digest is unpinned",
            "kindest/node:v1.36.1",
            'versions.kindNodeImage = "kindest/node:v1.36.1" is not pinned by digest; fix: write it as kindest/node:v1.36.1@sha256:<64 hex digits> from the kind release notes.',
        ],
    ];
    for (const [name, image, message] of rows) {
        it(`refuses ${name}`, () => {
            expect(problems(image)).to.deep.equal([message]);
        });
    }

    it("accepts a tagged reference pinned by digest", () => {
        expect(problems(`kindest/node:v1.36.1@sha256:${DIGEST}`)).to.deep.equal([]);
    });
});
