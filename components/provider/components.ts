// The multi-language package: its name and the design components it hosts, each beside the properties its schema marks secret.
import type { ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental";
import { AntreaClusterSet, AntreaInstall } from "../antrea";
import { CiliumClusterMesh, CiliumInstall } from "../cilium";
import { ContrailMulticluster } from "../contrail";
import { KindCluster } from "../kind";
import { KubeadmCluster } from "../kubeadm";
import { LinkerdInstall, LinkerdLink } from "../linkerd";
import { MetalLB } from "../metallb";

/**
 * The package (and plugin) name: schema tokens are `multicluster:index:<Component>`. The classes keep registering
 * their own types (`multicluster:<area>:<Component>`), so a component constructed from Python, Go, .NET or YAML has the
 * URN the same component has in a TypeScript program.
 */
export const PACKAGE_NAME = "multicluster";

/** One component the package hosts. */
export interface HostedComponent {
    /** The ComponentResource class, constructed as `new component(name, args, opts)`. */
    readonly component: ComponentResourceConstructor;
    /**
     * Property names the schema marks `secret: true` wherever they occur in the component's inputs, outputs and every
     * type they reach (the analyzer cannot know which strings are credentials).
     */
    readonly secrets: readonly string[];
}

/** Every design component the package hosts, by class name (the name in its schema token). */
export const HOSTED_COMPONENTS: Readonly<Record<string, HostedComponent>> = {
    KubeadmCluster: { component: KubeadmCluster, secrets: ["kubeconfig", "privateKey"] },
    KindCluster: { component: KindCluster, secrets: ["kubeconfig"] },
    AntreaInstall: { component: AntreaInstall, secrets: ["kubeconfig"] },
    AntreaClusterSet: { component: AntreaClusterSet, secrets: ["kubeconfig"] },
    CiliumInstall: { component: CiliumInstall, secrets: ["kubeconfig", "keyPem"] },
    CiliumClusterMesh: { component: CiliumClusterMesh, secrets: ["kubeconfig"] },
    LinkerdInstall: { component: LinkerdInstall, secrets: ["kubeconfig", "keyPem"] },
    LinkerdLink: { component: LinkerdLink, secrets: ["kubeconfig"] },
    MetalLB: { component: MetalLB, secrets: ["kubeconfig"] },
    ContrailMulticluster: { component: ContrailMulticluster, secrets: ["kubeconfig", "registryAuth"] },
};

/** The schema token of a hosted component: `multicluster:index:<name>`. */
export function componentToken(name: string): string {
    return `${PACKAGE_NAME}:index:${name}`;
}
