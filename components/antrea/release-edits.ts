// Pure edits of the pinned Multi-cluster release manifests: namespace, owned ConfigMap, duplicate CRD, controller split.
import * as yaml from "js-yaml";
import { isPlainObject } from "../shared/values-merge";
import { CONFIG_CHECKSUM_ANNOTATION } from "./cluster-set/mc-config";
import { MC_CONFIG_MAP, MC_CONTROLLER, RELEASE_LEADER_NAMESPACE } from "./release";

/** One Kubernetes object of a manifest. */
export interface ManifestObject {
    /** API version. */
    readonly apiVersion: string;
    /** Kind. */
    readonly kind: string;
    /** Name, namespace, labels, annotations. */
    readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
    /** Everything else (spec, rules, webhooks, ...). */
    readonly [key: string]: unknown;
}

/** A release manifest split for ordered apply. */
export interface SplitManifest {
    /** CRDs, RBAC, Service and webhook configurations (applied first). */
    readonly objects: readonly ManifestObject[];
    /** The antrea-mc-controller Deployment, applied after the webhook configurations exist (its start injects their CA). */
    readonly controller: readonly ManifestObject[];
}

/** How {@link splitReleaseManifest} edits a manifest. */
export interface ManifestEdits {
    /** Namespace to move the leader objects to (the documented `sed s/antrea-multicluster/<ns>/g`); unset: none. */
    readonly leaderNamespace?: string;
    /** CRDs another manifest of the same cluster already owns (the ClusterSet CRD in a dual-role cluster). */
    readonly skipCrds?: readonly string[];
    /** SHA-256 of the ConfigMap the project renders instead of the manifest's own (rolls the controller on change). */
    readonly configChecksum: string;
}

function isObject(value: unknown): value is ManifestObject {
    return (
        isPlainObject(value) &&
        typeof value.kind === "string" &&
        typeof value.apiVersion === "string" &&
        isPlainObject(value.metadata) &&
        typeof value.metadata.name === "string"
    );
}

/** Parses a multi-document manifest; empty documents are skipped. */
export function parseManifest(text: string): ManifestObject[] {
    const documents = yaml.loadAll(text).filter((document) => document !== null && document !== undefined);
    const bad = documents.findIndex((document) => !isObject(document));
    if (bad >= 0) {
        throw new Error(`manifest document ${bad + 1} is not a Kubernetes object with apiVersion, kind and metadata.name`);
    }
    return documents as ManifestObject[];
}

/** The documented rename of the leader namespace: every occurrence of `antrea-multicluster` in the text. */
export function renameLeaderNamespace(text: string, namespace: string): string {
    return namespace === RELEASE_LEADER_NAMESPACE ? text : text.split(RELEASE_LEADER_NAMESPACE).join(namespace);
}

/** The Deployment with `checksum/config` on its pod template set to `checksum`. */
export function withConfigChecksum(deployment: ManifestObject, checksum: string): ManifestObject {
    const spec = (deployment.spec ?? {}) as Record<string, unknown>;
    const template = (spec.template ?? {}) as Record<string, unknown>;
    const metadata = (template.metadata ?? {}) as Record<string, unknown>;
    const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>), [CONFIG_CHECKSUM_ANNOTATION]: checksum };
    return { ...deployment, spec: { ...spec, template: { ...template, metadata: { ...metadata, annotations } } } };
}

/** Annotation that turns off pulumi-kubernetes' readiness await of one object (provider metadata/overrides.go). */
export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

/** The webhook Service without Pulumi's Endpoints watch (its only Pods come later; providers before 4.17 waited 10 min for them). */
function withoutEndpointAwait(service: ManifestObject): ManifestObject {
    const annotations = { ...((service.metadata.annotations ?? {}) as Record<string, string>), [SKIP_AWAIT_ANNOTATION]: "true" };
    return { ...service, metadata: { ...service.metadata, annotations } };
}

/**
 * The controller Deployment replaced in place: both release manifests run it in host network with the webhook on
 * port 9443 (antrea@v2.7.0 multicluster/build/yamls/*.yml), so a surge Pod cannot run beside the old one on a cluster
 * with one schedulable Node, and Pulumi's rollout await would time out (maxSurge 0, maxUnavailable 1).
 */
export function withInPlaceRollout(deployment: ManifestObject): ManifestObject {
    const spec = (deployment.spec ?? {}) as Record<string, unknown>;
    return { ...deployment, spec: { ...spec, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } } };
}

const isController = (object: ManifestObject) => object.kind === "Deployment" && object.metadata.name === MC_CONTROLLER;
const isOwnedConfigMap = (object: ManifestObject) => object.kind === "ConfigMap" && object.metadata.name === MC_CONFIG_MAP;

/**
 * Splits a fetched release manifest: its ConfigMap is dropped (the project renders it), CRDs another manifest
 * owns are dropped, and the controller Deployment is set apart with the config checksum and an in-place rollout.
 * The webhook configurations stay before the Deployment (the controller injects their CA once, at start), so the
 * webhook Service, whose only Pods are the Deployment's, is applied without Pulumi's Endpoints await (needless at
 * the pinned provider, which passes a Service matching no Pod yet; providers before 4.17 waited for Pods created
 * after it). An empty text (not yet fetched, or offline) gives nothing; a manifest without the controller is an error.
 */
export function splitReleaseManifest(text: string, edits: ManifestEdits): SplitManifest {
    if (text.trim() === "") {
        return { objects: [], controller: [] };
    }
    const renamed = edits.leaderNamespace === undefined ? text : renameLeaderNamespace(text, edits.leaderNamespace);
    const objects = parseManifest(renamed);
    const skipped = new Set(edits.skipCrds ?? []);
    const controllers = objects.filter(isController);
    if (controllers.length !== 1) {
        throw new Error(`the release manifest has ${controllers.length} Deployments named ${MC_CONTROLLER}, expected 1`);
    }
    return {
        objects: objects
            .filter(
                (object) =>
                    !isController(object) &&
                    !isOwnedConfigMap(object) &&
                    !(object.kind === "CustomResourceDefinition" && skipped.has(object.metadata.name)),
            )
            .map((object) => (object.kind === "Service" ? withoutEndpointAwait(object) : object)),
        controller: controllers.map((deployment) => withInPlaceRollout(withConfigChecksum(deployment, edits.configChecksum))),
    };
}
