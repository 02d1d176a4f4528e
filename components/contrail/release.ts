// The CN2 releases this project can install: pinned public manifests (URL at a commit + SHA-256), image registry and tag, API versions,
// the vRouter's kernels and the Kubernetes versions the release was published for.
import { Problem } from "../network/value-checks";
import { credentialsProblem, dialHostProblem } from "../shared/value-kinds";
import { CN2_23_4_KERNELS, SupportedKernels } from "./kernels";

/** The manifests of the public multi-cluster deployer kit (`Juniper/contrail-networking` `releases/<v>/k8s/multi-cluster/`). */
export type ContrailManifestRole = "centralDeployer" | "distributedDeployer" | "distributedCertManager" | "distributedVrouter";

/** One published manifest, pinned by commit and content digest. */
export interface PinnedManifest {
    /** File name in the release's multi-cluster folder. */
    readonly file: string;
    /** SHA-256 of the file at the pinned commit (the apply script refuses anything else). */
    readonly sha256: string;
}

/** Everything the project needs to know of one CN2 release. */
export interface ContrailRelease {
    /** Release, e.g. `23.4`. */
    readonly version: string;
    /** Commit of `Juniper/contrail-networking` the manifest URLs are pinned to (the repository has no tags). */
    readonly commit: string;
    /** Image tag of every CN2 image of the release, e.g. `cn2.23.4.0.59`. */
    readonly imageTag: string;
    /** Registry prefix the release's manifests pull from. */
    readonly registry: string;
    /** The published manifests (the distributed cert manager only exists from 22.4 on). */
    readonly manifests: Readonly<Record<ContrailManifestRole, PinnedManifest | undefined>>;
    /** `apiVersion` of the Kubemanager the release serves and stores. */
    readonly kubemanagerApiVersion: string;
    /** Kernels the release's kernel-mode vRouter is built for, per node OS (`releases/<v>/kernels/supported-kernels.json`). */
    readonly supportedKernels: SupportedKernels;
    /** Newest upstream Kubernetes minor Juniper published the release line for, and where that is stated. */
    readonly kubernetes: { readonly newestMinor: string; readonly source: string };
}

/**
 * 23.4 (CN2 23.4.0.59), the newest release with public manifests. Read at commit 2a86f70 ("Manifests to deploy
 * CN2 for 23.4"; unchanged at the branch head a87d1f5): `releases/23.4/k8s/multi-cluster/*.yaml`; the Kubemanager
 * CRD at 99c9a6b `releases/23.4/ocp/100-configplane.juniper.net_kubemanagers.yaml` serves v1 (storage) and v1alpha1.
 */
const CN2_23_4: ContrailRelease = {
    version: "23.4",
    commit: "2a86f70c20cf95acd600e4de9af542700c3a6604",
    imageTag: "cn2.23.4.0.59",
    registry: "enterprise-hub.juniper.net/contrail-container-prod",
    manifests: {
        centralDeployer: {
            file: "central_cluster_deployer_example.yaml",
            sha256: "557aeeb2ac591a31df73d74de41c1d2c4ccf6e602a297012e6fe635197ed38c5",
        },
        distributedDeployer: {
            file: "distributed_cluster_deployer_example.yaml",
            sha256: "3980978edaaef9a2a3361a0fb21ccc6970be3bdbece68fffaa9cf6322a0a14e8",
        },
        distributedCertManager: {
            file: "distributed_cluster_certmanager_example.yaml",
            sha256: "e1671d03cd30a9c7e885022d2514bf563945858c387819a82f3f594895081d7c",
        },
        distributedVrouter: {
            file: "distributed_cluster_vrouter_example.yaml",
            sha256: "8ebc5423db8d7d1b333d8cb8651937c42fa290d0b8e153a8a85424f69c8aaac5",
        },
    },
    kubemanagerApiVersion: "configplane.juniper.net/v1",
    supportedKernels: CN2_23_4_KERNELS,
    // No public 23.4 note names a newer upstream Kubernetes; its manifests (2023-12-21) predate Kubernetes 1.29.
    kubernetes: {
        newestMinor: "1.26",
        source: 'Juniper\'s CN2 23.2 release notes ("Starting with Release 23.2, CN2 is supported on Kubernetes v1.26"); no public 23.3 or 23.4 note names a newer one',
    },
};

/** The known releases by version. */
export const CONTRAIL_RELEASES: Readonly<Record<string, ContrailRelease>> = { "23.4": CN2_23_4 };

/** The release for a version; undefined when the project does not know it. */
export function contrailRelease(version: string): ContrailRelease | undefined {
    return Object.prototype.hasOwnProperty.call(CONTRAIL_RELEASES, version) ? CONTRAIL_RELEASES[version] : undefined;
}

/** The release for a version, or an error naming the known ones. */
export function requireContrailRelease(version: string): ContrailRelease {
    const release = contrailRelease(version);
    if (!release) {
        throw new Error(`Contrail release ${version} is not known; known: ${Object.keys(CONTRAIL_RELEASES).join(", ")}`);
    }
    return release;
}

/** The raw URL of a manifest at the release's pinned commit. */
export function manifestUrl(release: ContrailRelease, manifest: PinnedManifest): string {
    return `https://raw.githubusercontent.com/Juniper/contrail-networking/${release.commit}/releases/${release.version}/k8s/multi-cluster/${manifest.file}`;
}

/** A CN2 image of the release from `registry` (default: the release's own registry). */
export function contrailImage(release: ContrailRelease, name: string, registry: string = release.registry): string {
    return `${registry}/${name}:${release.imageTag}`;
}

/** An image registry prefix: `host[:port]/path`, no scheme, no trailing slash (safe in a sed expression). */
export const REGISTRY_PREFIX_PATTERN = /^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/;

/** One path component of an image reference (the distribution reference grammar). */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Why a text is not a registry prefix the images can be rewritten to, if it is not (credentials first, never shown): `host[:port]/path`, whose host
 * is a real host (with a dot or a port, or `localhost`, else it would be read as a Docker Hub account).
 */
export function registryPrefixProblem(text: string): Problem | undefined {
    const fix = "write host[:port]/path, e.g. registry.example.com:5000/cn2 (no scheme, no trailing slash)";
    const credentials = credentialsProblem(text);
    if (credentials) {
        return credentials;
    }
    if (!REGISTRY_PREFIX_PATTERN.test(text)) {
        return { problem: "is not an image registry prefix like registry.example.com/cn2", fix };
    }
    const [hostPort, ...path] = text.split("/");
    const [host, port] = hostPort.split(":");
    const hostIssue = dialHostProblem(host);
    if (hostIssue) {
        return { problem: `has a host that ${hostIssue.problem}`, fix };
    }
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
        return { problem: `has port ${port}, outside 1-65535`, fix };
    }
    if (port === undefined && !host.includes(".") && host !== "localhost") {
        return { problem: `starts with ${host}, which an image reference reads as a Docker Hub account, not a registry host`, fix };
    }
    const bad = path.find((segment) => !PATH_COMPONENT.test(segment));
    return bad === undefined
        ? undefined
        : { problem: `has the path component ${JSON.stringify(bad)}, which no image reference allows`, fix };
}

/** The registry host of a registry prefix (what a docker config's `auths` is keyed by). */
export function registryHost(registry: string): string {
    return registry.split("/")[0];
}
