// Issue 17, validation holes 6 and 7 (common schema): every value is checked as what it is, and a value given for a
// setting the chosen options ignore is refused as unused instead of being carried silently.
import { expect } from "chai";
import { ConfigValidationError } from "../../components/shared/validation";
import { defaultVersions } from "../../components/versions";
import { parseStackConfig } from "../../stacks/validate";
import { kindA, kindB, kubeadmA } from "../cases/bad-configs";

/** The sentences config validation reports for the values (empty when valid). */
function problems(values: Record<string, unknown>): string[] {
    try {
        parseStackConfig({ project: "multicluster", stack: "test", values, secretKeys: [] });
        return [];
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigValidationError);
        return (error as ConfigValidationError).issues.map((entry) => entry.message);
    }
}

const REMOVE = "fix: remove it (it pins something this stack does not install).";
const release = /:v(\d+\.\d+\.\d+)@/.exec(defaultVersions.kindNodeImage)?.[1] ?? "";

const unused: readonly { readonly name: string; readonly values: Record<string, unknown>; readonly messages: readonly string[] }[] = [
    {
        name: "versions of what a kind-only stack without layers does not install",
        values: {
            clusters: [kindA, kindB],
            versions: { kubernetes: "1.35.0", containerd: "2.2", cilium: "1.19.0", linkerd: "2026.8.3", metallb: "0.16.1" },
        },
        messages: [
            `versions.kubernetes = "1.35.0" is ignored: no cluster is provisioned by kubeadm, and kind clusters run the Kubernetes of versions.kindNodeImage (${release}); ` +
                "fix: remove it, or set versions.kindNodeImage to the kind node image of that release.",
            `versions.containerd = "2.2" is ignored: no cluster is provisioned by kubeadm (kind node images bring their own containerd); ${REMOVE}`,
            `versions.cilium = "1.19.0" is ignored: the stack installs no Cilium (cni.kind is "none"); ${REMOVE}`,
            `versions.linkerd = "2026.8.3" is ignored: the stack installs no Linkerd (mesh.kind is "none"); ${REMOVE}`,
            `versions.metallb = "0.16.1" is ignored: the stack installs no MetalLB (loadBalancer.kind is "none"); ${REMOVE}`,
        ],
    },
    {
        name: "the kind node image of a kubeadm-only stack, the Antrea and ingress versions of a Cilium stack",
        values: {
            clusters: [kubeadmA],
            cni: { kind: "cilium" },
            versions: { kindNodeImage: defaultVersions.kindNodeImage, antrea: "2.7.0", traefik: "41.3.0", ako: "2.1.1" },
        },
        messages: [
            `versions.kindNodeImage = "${defaultVersions.kindNodeImage.slice(0, 60)}"... (${defaultVersions.kindNodeImage.length} characters) is ignored: ` +
                `no cluster is provisioned by kind; ${REMOVE}`,
            `versions.antrea = "2.7.0" is ignored: the stack installs no Antrea (cni.kind is "cilium", mesh.kind is "none"); ${REMOVE}`,
            `versions.ako = "2.1.1" is ignored: the stack installs no AKO (ingress.kind is "none"); ${REMOVE}`,
            `versions.traefik = "41.3.0" is ignored: the stack installs no Traefik (ingress.kind is "none"); ${REMOVE}`,
        ],
    },
    {
        name: "an unused version of the wrong shape is reported once, for its shape",
        values: { clusters: [kindA], versions: { cilium: "v1.19" } },
        messages: ['versions.cilium = "v1.19" is not a version like 1.20.0; fix: write it as 1.20.0 (no leading "v").'],
    },
];

/** Hostile values of the common schema, one per kind of value it carries into a script or manifest. */
const valueKinds: readonly { readonly name: string; readonly values: Record<string, unknown>; readonly messages: readonly string[] }[] = [
    {
        name: "host names, IPs, node names and ports",
        values: {
            clusters: [{ ...kubeadmA, controlPlanes: [{ host: "node 1;reboot", address: "300.1.1.1", name: "Node_1" }], workers: [] }],
            ssh: { port: 0, bastion: { host: "-bastion", port: 70000 } },
        },
        messages: [
            "ssh.port = 0 is below the minimum 1; fix: use 1 or more.",
            'ssh.bastion.host = "-bastion" is not a host name or an IP address; fix: write a DNS name like "node-1.lab.example" or an IP like "172.26.0.141".',
            "ssh.bastion.port = 70000 is above the maximum 65535; fix: use at most 65535.",
        ],
    },
    {
        name: "node host names, IPs and names (the provisioner's rules run once the sections they read parse)",
        values: {
            clusters: [{ ...kubeadmA, controlPlanes: [{ host: "node 1;reboot", address: "300.1.1.1", name: "Node_1" }], workers: [] }],
        },
        messages: [
            "clusters[0].controlPlanes[0].name = \"Node_1\" is not a valid Kubernetes node name (DNS-1123 subdomain); fix: use lowercase letters, digits, '-' and '.'.",
            'clusters[0].controlPlanes[0].host = "node 1;reboot" is not a host name or an IP address; fix: write a DNS name like "node-1.lab.example" or an IP like "172.26.0.141".',
            'clusters[0].controlPlanes[0].address = "300.1.1.1" is not an IP address, and kubeadm needs the node\'s IP; ' +
                "fix: set clusters[0].controlPlanes[0].address to the node's IP (host may stay a DNS name for SSH).",
        ],
    },
    {
        name: "an API URL that is not https",
        values: { clusters: [{ ...kubeadmA, apiServerUrl: "ftp://10.0.0.1" }] },
        messages: [
            'clusters[0].apiServerUrl = "ftp://10.0.0.1" is not an https URL of a host (and port); fix: write it as e.g. "https://127.0.0.1:16443" or "https://api.example.com:6443".',
        ],
    },
    {
        name: "URLs, image references and label values",
        values: {
            clusters: [{ ...kubeadmA, apiServerUrl: "ftp://10.0.0.1", workers: [{ host: "172.26.0.142", labels: { tier: "web app" } }] }],
            versions: { kindNodeImage: "kindest/node:v1.36.1 && reboot" },
        },
        messages: [
            "clusters[0].workers[0].labels.tier = \"web app\" is not a valid Kubernetes label; fix: use a key like example.com/role and a value of at most 63 letters, digits, '-', '_' or '.'.",
            'versions.kindNodeImage = "kindest/node:v1.36.1 && reboot" is not an image reference (registry/name:tag@sha256:<digest>, without spaces, quotes or shell characters); fix: copy the image reference from the kind release notes, e.g. kindest/node:v1.36.1@sha256:<64 hex digits>.',
        ],
    },
];

describe("stack config: unused settings and values checked as what they are (issue 17)", () => {
    for (const entry of unused) {
        it(`refuses as unused: ${entry.name}`, () => {
            expect(problems(entry.values)).to.deep.equal(entry.messages);
        });
    }

    it("accepts what the stack uses: versions of what it installs, and a Kubernetes version its kind node image runs", () => {
        expect(
            problems({
                clusters: [kubeadmA],
                cni: { kind: "cilium" },
                versions: { kubernetes: "1.36.1", containerd: "2.2", cilium: "1.20.0" },
            }),
        ).to.deep.equal([]);
        expect(
            problems({ clusters: [kindA], versions: { kubernetes: release, kindNodeImage: defaultVersions.kindNodeImage } }),
        ).to.deep.equal([]);
    });

    for (const entry of valueKinds) {
        it(`checks ${entry.name}`, () => {
            expect(problems(entry.values)).to.deep.equal(entry.messages);
        });
    }
});
