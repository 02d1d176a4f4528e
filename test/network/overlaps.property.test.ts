// Property tests of the one overlap rule (rangesOverlap, earlierOverlaps) against an ipaddr.js oracle, both families.
import { expect } from "chai";
import * as fc from "fast-check";
import { parseCidr, parseRange, rangesOverlap } from "../../components/network/cidr";
import { earlierOverlaps, firstOverlapping } from "../../components/network/overlaps";
import { PROPERTY_SEED, anyCidr, cidrsIntersect } from "./arbitraries";

const options = { seed: PROPERTY_SEED, numRuns: 200 };

/** An entry as the checks list them: a range under a config path, in one of a few clusters. */
interface Entry {
    readonly path: string;
    readonly text: string;
    readonly cluster: number;
}

const entries: fc.Arbitrary<Entry[]> = fc
    .array(fc.tuple(anyCidr, fc.integer({ min: 0, max: 2 })), { maxLength: 10 })
    .map((drawn) => drawn.map(([text, cluster], i) => ({ path: `pools[${i}]`, text, cluster })));

const rangeOf = (entry: Entry) => parseCidr(entry.text);

describe("network: overlap rule properties", () => {
    it("says two ranges overlap iff they share an address, whichever comes first", () => {
        fc.assert(
            fc.property(anyCidr, anyCidr, (a, b) => {
                const [first, second] = [parseCidr(a)!, parseCidr(b)!];
                expect(rangesOverlap(first, second)).to.equal(cidrsIntersect(a, b));
                expect(rangesOverlap(second, first)).to.equal(rangesOverlap(first, second));
            }),
            options,
        );
    });

    it("reports a pair in either order, or in neither", () => {
        fc.assert(
            fc.property(anyCidr, anyCidr, (a, b) => {
                const found = (texts: string[]) => earlierOverlaps(texts, (text) => parseCidr(text)).length;
                expect(found([a, b])).to.equal(found([b, a]));
                expect(found([a, b])).to.equal(cidrsIntersect(a, b) ? 1 : 0);
            }),
            options,
        );
    });

    it("reports each entry an earlier one intersects, with the first such entry, and no other", () => {
        fc.assert(
            fc.property(entries, (list) => {
                const expected = list.flatMap((entry, i) => {
                    const earlier = list.slice(0, i).find((other) => cidrsIntersect(other.text, entry.text));
                    return earlier ? [{ entry, earlier }] : [];
                });
                expect(earlierOverlaps(list, rangeOf)).to.deep.equal(expected);
            }),
            options,
        );
    });

    it("checks only the pairs `apart` names (ranges of different clusters), skipping entries without a range", () => {
        fc.assert(
            fc.property(entries, fc.array(fc.nat({ max: 9 })), (list, broken) => {
                const withGaps = list.map((entry, i) => (broken.includes(i) ? { ...entry, text: "auto" } : entry));
                const range = (entry: Entry) => parseRange(entry.text);
                const expected = withGaps.flatMap((entry, i) => {
                    const earlier =
                        entry.text === "auto"
                            ? undefined
                            : withGaps
                                  .slice(0, i)
                                  .find(
                                      (other) =>
                                          other.text !== "auto" &&
                                          other.cluster !== entry.cluster &&
                                          cidrsIntersect(other.text, entry.text),
                                  );
                    return earlier ? [{ entry, earlier }] : [];
                });
                expect(earlierOverlaps(withGaps, range, (other, entry) => other.cluster !== entry.cluster)).to.deep.equal(expected);
            }),
            options,
        );
    });

    it("finds the first candidate intersecting a range, in candidate order", () => {
        fc.assert(
            fc.property(anyCidr, fc.array(anyCidr, { maxLength: 8 }), (range, candidates) => {
                expect(firstOverlapping(parseCidr(range)!, candidates, (text) => parseCidr(text))).to.equal(
                    candidates.find((text) => cidrsIntersect(text, range)),
                );
            }),
            options,
        );
    });
});
