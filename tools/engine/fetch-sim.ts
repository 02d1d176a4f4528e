// Simulated downloads: a script that prints a declared manifest's URL (curl to stdout) prints its declared objects.
import { antreaFetchedManifests } from "../../components/antrea/release-contents";
import { gatewayApiFetchedManifests } from "../../components/linkerd/gateway-api-contents";
import { FetchedManifest } from "../../components/shared/fetched-manifest";
import { toYamlDocuments } from "../../components/shared/yaml";

let declared: ReadonlyMap<string, FetchedManifest> | undefined;

/** Every declared manifest, by the URL the program fetches. */
export function declaredManifests(): ReadonlyMap<string, FetchedManifest> {
    declared ??= new Map([...antreaFetchedManifests(), ...gatewayApiFetchedManifests()].map((manifest) => [manifest.url, manifest]));
    return declared;
}

/** True for a `curl` line that writes to a file (`-o`, `-O`, `--output`) rather than to stdout. */
function writesToFile(line: string): boolean {
    return /(^|\s)(-[A-Za-z]*[oO]|--output|--remote-name)(\s|=|$)/.test(line);
}

/**
 * The declared manifest a script prints: a line that runs `curl` on a declared URL (literally, quoted or not) and
 * sends it to stdout. A download into a file, or of an undeclared URL, prints nothing offline, as before.
 */
export function fetchedBy(script: unknown): FetchedManifest | undefined {
    if (typeof script !== "string") {
        return undefined;
    }
    const manifests = declaredManifests();
    for (const line of script.split("\n")) {
        if (!/(^|[\s;|&(])curl\s/.test(line) || writesToFile(line)) {
            continue;
        }
        const url = [...manifests.keys()].find((candidate) => line.includes(candidate));
        if (url !== undefined) {
            return manifests.get(url);
        }
    }
    return undefined;
}

/** What a download of the manifest prints: its declared objects as a multi-document YAML stream. */
export function manifestText(manifest: FetchedManifest): string {
    return toYamlDocuments(manifest.objects);
}
