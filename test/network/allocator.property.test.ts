// Property tests of the "auto" CIDR allocator against a brute-force oracle over small random spaces, both families.
import { expect } from "chai";
import * as fc from "fast-check";
import { BlockRequest, allocateBlocks } from "../../components/network/allocator";
import { parseCidr } from "../../components/network/cidr";
import { Family, PROPERTY_SEED, SPACES, cidrIn, cidrText, cidrWithin, cidrsIntersect } from "./arbitraries";

/** A supernet, the ranges reserved in and around it, and the requests, all of one family. */
interface Case {
    readonly supernet: string;
    readonly reserved: readonly string[];
    readonly requests: readonly BlockRequest[];
}

/** A supernet of /(bits-13) to /(bits-7) in the space, reserved CIDRs anywhere in the space, up to 8 requests near its size. */
function caseOf(family: Family): fc.Arbitrary<Case> {
    const bits = SPACES[family].bits;
    return fc.tuple(fc.integer({ min: 0, max: 2 ** 13 - 1 }), fc.integer({ min: bits - 13, max: bits - 7 })).chain(([offset, prefix]) =>
        fc.record({
            supernet: fc.constant(cidrText(family, offset, prefix)),
            reserved: fc.array(cidrIn(family, 10), { maxLength: 4 }),
            requests: fc
                .array(fc.integer({ min: prefix - 1, max: Math.min(bits, prefix + 6) }), { maxLength: 8 })
                .map((prefixes) => prefixes.map((request, i) => ({ label: `clusters[${i}].podCidr`, prefix: request }))),
        }),
    );
}

const cases = fc.oneof(caseOf("ipv4"), caseOf("ipv6"));

/** Every aligned block of `prefix` in the supernet, lowest first (none when the prefix does not fit). */
function candidates(supernet: string, prefix: number): string[] {
    const net = parseCidr(supernet)!;
    const bits = net.family === "ipv4" ? 32 : 128;
    if (prefix < net.prefix || prefix > bits) {
        return [];
    }
    const family: Family = net.family;
    const first = Number(net.first - parseCidr(`${SPACES[family].base}/${bits}`)!.first);
    const size = 2 ** (bits - prefix);
    return Array.from({ length: 2 ** (prefix - net.prefix) }, (_, i) => cidrText(family, first + i * size, prefix));
}

/** The oracle: each request takes the lowest aligned block of the supernet that intersects nothing taken, or fails there. */
function bruteForce(input: Case): { blocks: string[]; failed?: string } {
    const taken = [...input.reserved];
    const blocks: string[] = [];
    for (const request of input.requests) {
        const free = candidates(input.supernet, request.prefix).find((block) => !taken.some((other) => cidrsIntersect(block, other)));
        if (free === undefined) {
            return { blocks, failed: request.label };
        }
        blocks.push(free);
        taken.push(free);
    }
    return { blocks };
}

const allocate = (input: Case) =>
    allocateBlocks(
        input.supernet,
        input.requests,
        input.reserved.map((text) => parseCidr(text)!),
    );
const options = { seed: PROPERTY_SEED, numRuns: 200 };

describe("network: block allocator properties", () => {
    it("allocates exactly what a brute-force search over every aligned block finds (lowest free block, or the request that does not fit)", () => {
        fc.assert(
            fc.property(cases, (input) => {
                const result = allocate(input);
                const expected = bruteForce(input);
                expect(result.ok ? undefined : result.failedLabel).to.equal(expected.failed);
                if (result.ok) {
                    expect(result.blocks.map((block) => block.canonical)).to.deep.equal(expected.blocks);
                }
            }),
            options,
        );
    });

    it("places every block inside its supernet, with the requested prefix, clear of the reserved ranges and of each other", () => {
        fc.assert(
            fc.property(cases, (input) => {
                const result = allocate(input);
                fc.pre(result.ok);
                const blocks = result.ok ? result.blocks.map((block) => block.canonical) : [];
                blocks.forEach((block, i) => {
                    expect(cidrWithin(block, input.supernet), `${block} in ${input.supernet}`).to.equal(true);
                    expect(parseCidr(block)!.prefix).to.equal(input.requests[i].prefix);
                    expect(
                        input.reserved.filter((reserved) => cidrsIntersect(block, reserved)),
                        `${block} clear of reserved`,
                    ).to.deep.equal([]);
                    expect(
                        blocks.filter((other, j) => j !== i && cidrsIntersect(block, other)),
                        `${block} clear of the others`,
                    ).to.deep.equal([]);
                });
            }),
            { ...options, numRuns: 150 },
        );
    });

    it("never moves an earlier block when requests are appended (adding a cluster leaves the others as they are)", () => {
        fc.assert(
            fc.property(cases, fc.nat(), (input, cut) => {
                const whole = allocate(input);
                const head = allocate({ ...input, requests: input.requests.slice(0, cut % (input.requests.length + 1)) });
                fc.pre(whole.ok);
                expect(head.ok && whole.ok && whole.blocks.slice(0, head.blocks.length).map((block) => block.canonical)).to.deep.equal(
                    head.ok && head.blocks.map((block) => block.canonical),
                );
            }),
            { ...options, numRuns: 150 },
        );
    });
});
