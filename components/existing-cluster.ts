// Clusters made elsewhere (EKS, GKE, AKS, an existing kubeconfig, another stack) as the Cluster contract.
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { ApiEndpoint, Cluster, ClusterNetwork } from "./cluster";
import { kubeconfigCluster } from "./shared/kubeconfig";
import { parseCidr } from "./network/cidr";
import { absentUnderMocks } from "./shared/mock-tolerance";
import { ConfigValidationError, ValidationIssue, issue } from "./shared/validation";

/** Arguments of {@link existingCluster}. */
export interface ExistingClusterArgs {
    /** DNS-1123 label, unique among the clusters the components see. */
    readonly name: string;
    /** Admin kubeconfig (made secret here); its current context's server and CA are used unless given below. */
    readonly kubeconfig: pulumi.Input<string>;
    /** Pod CIDRs (IPv4 first), as the cluster's CNI allocates them: meshes check them for overlaps. */
    readonly podCidrs: string[];
    /** Service CIDRs (IPv4 first). */
    readonly serviceCidrs: string[];
    /** Node IPs, when peers reach the nodes directly (NodePort gateways); @default none. */
    readonly nodeAddresses?: string[];
    /** The API server as other clusters reach it (member tokens, link kubeconfigs). */
    readonly endpoint: ApiEndpoint;
    /** API URL Pulumi uses; @default the kubeconfig's server. */
    readonly apiServer?: pulumi.Input<string>;
    /** CA certificate (PEM); @default the kubeconfig's `certificate-authority-data`. */
    readonly caCertificate?: pulumi.Input<string>;
    /**
     * Changes exactly when the cluster is re-created; @default `<name>@<SHA-256 of the CA>` (a new cluster has a new CA).
     * A managed cluster whose CA rotates in place (GKE credential rotation, AKS certificate rotation) should give its
     * cloud ID here: a new incarnation replaces every in-cluster object, delete first.
     */
    readonly incarnation?: pulumi.Input<string>;
}

/**
 * A cluster this program did not create, as the Cluster contract: give the kubeconfig, the CIDRs and how other
 * clusters reach its API. Throws {@link ConfigValidationError} naming every bad field.
 */
export function existingCluster(args: ExistingClusterArgs): Cluster {
    const problems = existingClusterIssues(args);
    if (problems.length > 0) {
        throw new ConfigValidationError(`existingCluster("${args.name}")`, problems);
    }
    const kubeconfig = pulumi.secret(args.kubeconfig);
    const facts = kubeconfig.apply((text) => ({ absent: absentUnderMocks(text), found: kubeconfigCluster(text ?? "") }));
    const caCertificate =
        args.caCertificate ?? pulumi.unsecret(facts.apply(({ absent, found }) => (absent ? "" : embeddedCa(args.name, found?.caCertPem))));
    const apiServer = args.apiServer ?? pulumi.unsecret(facts.apply(({ found }) => found?.server ?? ""));
    const incarnation = args.incarnation ?? pulumi.output(caCertificate).apply((ca) => `${args.name}@${sha256(ca ?? "").slice(0, 16)}`);
    return {
        name: args.name,
        network: { podCidrs: [...args.podCidrs], serviceCidrs: [...args.serviceCidrs], nodeAddresses: [...(args.nodeAddresses ?? [])] },
        endpoint: { ...args.endpoint },
        caCertificate,
        incarnation,
        kubeconfig,
        apiServer,
    };
}

/**
 * The CA the kubeconfig embeds. None (a `certificate-authority:` file path, `insecure-skip-tls-verify`) would hand
 * peers an empty CA and make the incarnation a constant, so it fails in one sentence.
 */
function embeddedCa(name: string, caCertPem: string | undefined): string {
    if (caCertPem) {
        return caCertPem;
    }
    throw new pulumi.RunError(
        `existingCluster("${name}").kubeconfig embeds no certificate-authority-data, so other clusters could not trust its API ` +
            `server; fix: give caCertificate (the cluster CA, PEM), or flatten the kubeconfig (kubectl config view --raw --flatten).`,
    );
}

/** The problems of {@link ExistingClusterArgs}, each naming the field, the value and the fix. */
export function existingClusterIssues(args: ExistingClusterArgs): ValidationIssue[] {
    const at = `existingCluster("${args.name}")`;
    const issues: ValidationIssue[] = [];
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(args.name)) {
        issues.push(issue(`${at}.name`, args.name, "is not a DNS-1123 label", "use lowercase letters, digits and '-' (at most 63)"));
    }
    for (const key of ["podCidrs", "serviceCidrs"] as const) {
        if (args[key].length === 0) {
            issues.push(issue(`${at}.${key}`, args[key], "is empty", "give the cluster's CIDRs, IPv4 first"));
        }
        args[key].forEach((cidr, index) => {
            if (!parseCidr(cidr)) {
                issues.push(issue(`${at}.${key}[${index}]`, cidr, "is not a CIDR", "write it as address/prefix, e.g. 10.1.0.0/16"));
            }
        });
    }
    const port = args.endpoint.port;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        issues.push(issue(`${at}.endpoint.port`, port, "is not a TCP port", "use 1-65535 (usually 443 or 6443)"));
    }
    if (args.endpoint.host.trim() === "") {
        issues.push(
            issue(
                `${at}.endpoint.host`,
                args.endpoint.host,
                "is empty",
                "give the API server's host name or IP as other clusters reach it",
            ),
        );
    }
    return issues;
}

/** What a stack exports of a cluster so a later stack rebuilds it with {@link clusterFromStack}: the contract's data. */
export function clusterExport(cluster: Cluster): pulumi.Output<ExportedCluster> {
    return pulumi.output({
        name: cluster.name,
        network: cluster.network,
        endpoint: cluster.endpoint,
        caCertificate: cluster.caCertificate,
        incarnation: cluster.incarnation,
        kubeconfig: pulumi.secret(cluster.kubeconfig),
        apiServer: cluster.apiServer,
    });
}

/**
 * Rebuilds cluster `name` from another stack's `clusterContracts` output (what this project's stacks export; see
 * {@link clusterExport}). Network facts and the endpoint come back plain, so checks still run at preview.
 */
export async function clusterFromStack(reference: pulumi.StackReference, name: string, output = "clusterContracts"): Promise<Cluster> {
    const details = await reference.getOutputDetails(output);
    const all = (details.value ?? details.secretValue) as Record<string, ExportedCluster> | undefined;
    const found = all?.[name];
    if (!found) {
        throw new Error(
            `clusterFromStack: the referenced stack has no cluster "${name}" in its "${output}" output; export clusterExport(cluster) there`,
        );
    }
    const entry = (key: keyof ExportedCluster) =>
        reference.getOutput(output).apply((value: Record<string, ExportedCluster>) => value[name][key] as string);
    return {
        name,
        network: found.network,
        endpoint: found.endpoint,
        caCertificate: entry("caCertificate"),
        incarnation: entry("incarnation"),
        kubeconfig: pulumi.secret(entry("kubeconfig")),
        apiServer: entry("apiServer"),
    };
}

/** One entry of the `clusterContracts` output: the contract's data, resolved. */
export interface ExportedCluster {
    /** Cluster name. */
    readonly name: string;
    /** Network facts. */
    readonly network: ClusterNetwork;
    /** API endpoint as peers reach it. */
    readonly endpoint: ApiEndpoint;
    /** CA certificate (PEM). */
    readonly caCertificate: string;
    /** The incarnation. */
    readonly incarnation: string;
    /** Admin kubeconfig (secret). */
    readonly kubeconfig: string;
    /** Pulumi's API URL. */
    readonly apiServer: string;
}

function sha256(text: string): string {
    return crypto.createHash("sha256").update(text).digest("hex");
}
