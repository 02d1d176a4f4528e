// Version jumps upstream forbids: each area declares, per version key, which deployed → new changes its upgrade notes refuse.

/** A resource as a deployed stack recorded it: its type and its (plain) inputs. */
export interface DeployedResource {
    /** Type token, e.g. `kubernetes:helm.sh/v3:Release`. */
    readonly type: string;
    /** Inputs. */
    readonly inputs: Readonly<Record<string, unknown>>;
}

/** Why a version change is refused: the sentence after `key = to` and the fix. */
export interface VersionJumpRefusal {
    /** What is wrong, e.g. `is two minors above the deployed 1.18.4`. */
    readonly problem: string;
    /** How to get there instead. */
    readonly fix: string;
}

/** One version key's upgrade rule, from the project's upgrade notes at the pinned version. */
export interface VersionJump {
    /** The config key, e.g. `versions.cilium`. */
    readonly key: string;
    /** The upstream text the rule encodes (file@tag and the sentence). */
    readonly source: string;
    /** The version a deployed resource runs, when it is one this key sets (e.g. a release of the key's chart). */
    readonly deployed: (resource: DeployedResource) => string | undefined;
    /** The refusal of going from `from` (deployed) to `to` (configured), or undefined when upstream allows it. */
    readonly refuse: (from: string, to: string) => VersionJumpRefusal | undefined;
    /** Names the deployed thing in the problem (e.g. `running cluster west`), for rules whose jumps differ per resource. */
    readonly where?: (resourceName: string) => string;
}

/** The `version` of a Helm release (`helm.sh/v3` Release) of `chart`: how most keys find what is deployed. */
export function helmChartVersion(chart: string): VersionJump["deployed"] {
    return (resource) =>
        resource.type === "kubernetes:helm.sh/v3:Release" && resource.inputs.chart === chart && typeof resource.inputs.version === "string"
            ? resource.inputs.version
            : undefined;
}

/** `[major, minor]` of a `major.minor.patch` version (a leading `v` allowed), or undefined for another shape. */
export function majorMinor(version: string): [number, number] | undefined {
    const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version);
    return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** How many minors `to` is above `from` (negative: below); undefined across majors or for an unknown shape. */
export function minorDistance(from: string, to: string): number | undefined {
    const [a, b] = [majorMinor(from), majorMinor(to)];
    return a && b && a[0] === b[0] ? b[1] - a[1] : undefined;
}

/** A count of minors in words ("one minor", "two minors", … "7 minors"). */
export function minorsText(count: number): string {
    const words = ["no minors", "one minor", "two minors", "three minors", "four minors", "five minors", "six minors"];
    return words[count] ?? `${count} minors`;
}
