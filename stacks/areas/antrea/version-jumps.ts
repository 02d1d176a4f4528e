// Antrea's upgrade rule: at most four minors newer in one upgrade (its versioning policy at the pinned version).
import { VersionJump, helmChartVersion, majorMinor, minorDistance, minorsText } from "../version-jumps";

/** The most minors one Antrea upgrade may cross. */
const MAX_MINORS = 4;

/**
 * `versions.antrea`: antrea@v2.7.0 docs/versioning.md, "Antrea upgrade and supported version skew": "we only recommend
 * Antrea upgrades to a new release up to 4 minor versions newer". Downgrades and major
 * upgrades are not covered there, so not refused.
 */
export const antreaVersionJumps: readonly VersionJump[] = [
    {
        key: "versions.antrea",
        source: "antrea@v2.7.0 docs/versioning.md: upgrades to a release up to 4 minor versions newer",
        deployed: helmChartVersion("antrea"),
        refuse: (from, to) => {
            const distance = minorDistance(from, to);
            const [major, minor] = majorMinor(from) ?? [0, 0];
            return distance !== undefined && distance > MAX_MINORS
                ? {
                      problem: `is ${minorsText(distance)} above the deployed ${from}, and Antrea supports upgrades of at most ${MAX_MINORS} minor versions`,
                      fix: `upgrade in steps of at most ${MAX_MINORS} minors: ${major}.${minor + MAX_MINORS}.x first`,
                  }
                : undefined;
        },
    },
];
