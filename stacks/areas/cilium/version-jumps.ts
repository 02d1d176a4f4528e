// Cilium's upgrade rule: one minor at a time, up or down (its upgrade guide at the pinned version).
import { VersionJump, helmChartVersion, majorMinor, minorDistance, minorsText } from "../version-jumps";

/**
 * `versions.cilium`: cilium@v1.20.0 Documentation/operations/upgrade-warning.rst (included by upgrade.rst): "The only
 * tested rollback and upgrade path is between consecutive minor releases. Always perform rollbacks and upgrades
 * between one minor release at a time." A jump across majors is refused too.
 */
export const ciliumVersionJumps: readonly VersionJump[] = [
    {
        key: "versions.cilium",
        source: "cilium@v1.20.0 Documentation/operations/upgrade-warning.rst: upgrades and rollbacks one minor release at a time",
        deployed: helmChartVersion("cilium"),
        refuse: (from, to) => {
            const distance = minorDistance(from, to);
            if (distance === undefined) {
                return { problem: `is not in the major line of the deployed ${from}`, fix: `upgrade one minor at a time from ${from}` };
            }
            const [major, minor] = majorMinor(from) ?? [0, 0];
            const direction =
                distance > 0 ? { word: "above", verb: "upgrade", next: minor + 1 } : { word: "below", verb: "roll back", next: minor - 1 };
            return Math.abs(distance) <= 1
                ? undefined
                : {
                      problem: `is ${minorsText(Math.abs(distance))} ${direction.word} the deployed ${from}`,
                      fix: `${direction.verb} one minor at a time: ${major}.${direction.next}.x first`,
                  };
        },
    },
];
