// The AVI validation table: bad ingress settings, each with the exact sentences config validation must give.
import * as crypto from "crypto";

const kind = [
    { name: "east", provisioner: "kind", podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/16" },
    { name: "west", provisioner: "kind", podCidr: "10.245.0.0/16", serviceCidr: "10.97.0.0/16" },
];
/** A kind node image of Kubernetes 1.34, the newest AKO 2.1.1 starts on (the digest is a stand-in: only its form is checked). */
const KIND_1_34 = `kindest/node:v1.34.0@sha256:${"0".repeat(64)}`;
export const avi = (
    extra: Record<string, unknown>,
    cni: Record<string, unknown> = { kind: "antrea", nodePortLocal: { enable: true } },
) => ({
    clusters: kind,
    cni,
    versions: { kindNodeImage: KIND_1_34 },
    ingress: {
        kind: "avi",
        controller: { host: "10.10.10.5", version: "31.1.1" },
        vipNetworks: [{ name: "vip", cidr: "10.20.0.0/24" }],
        ...extra,
    },
});
const controller = (extra: Record<string, unknown>) => avi({ controller: { host: "10.10.10.5", version: "31.1.1", ...extra } });
const gslb = (extra: Record<string, unknown>) => avi({ gslb: extra });
const policy = (extra: Record<string, unknown>) => gslb({ policy: extra });

/** The refusal of the misspelt cluster name "eest" at `path`. */
const unknown = (path: string) => `${path} = "eest" is not the name of a cluster in this stack; fix: use one of "east", "west".`;

/** A public key's PEM: PEM, but not a certificate. */
function publicKeyPem(): string {
    return crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();
}

/** Name, stack values and the exact messages, one row per rule. */
export const AVI_CASES: readonly [string, Record<string, unknown>, string[]][] = [
    [
        "no VIP network",
        avi({ vipNetworks: [] }),
        [
            'ingress.vipNetworks = [] is empty, and AKO needs a VIP network for its virtual services; fix: add e.g. { name: "vip-net", cidr: "10.20.0.0/24" }.',
        ],
    ],
    [
        "a controller URL instead of an address",
        controller({ host: "https://10.10.10.5" }),
        [
            'ingress.controller.host = "https://10.10.10.5" is a URL, but a host is only a name or an IP; fix: write the host alone, e.g. "10.0.0.10" or "controller.example.com".',
        ],
    ],
    [
        "a controller address with a port",
        controller({ host: "avi.example.com:443" }),
        [
            'ingress.controller.host = "avi.example.com:443" names a port, but a host is only a name or an IP; fix: write the host alone, e.g. "10.0.0.10" or "controller.example.com".',
        ],
    ],
    [
        "a controller version that is not x.y.z",
        controller({ version: "31.1" }),
        ['ingress.controller.version = "31.1" is not a controller version; fix: write it like "31.1.1".'],
    ],
    [
        "a user name with a space",
        controller({ username: "ad min" }),
        [
            'ingress.controller.username = "ad min" is not an AVI user name (no spaces or control characters); fix: write the user AKO logs in as, e.g. "admin".',
        ],
    ],
    [
        "a tenant with YAML syntax, once (GSLB on)",
        avi({ controller: { host: "10.10.10.5", version: "31.1.1", tenant: "admin: x" }, gslb: {} }),
        [
            "ingress.controller.tenant = \"admin: x\" is not an AVI object name (letters, digits, '_', '.', ':', '@' or '-', single spaces between words, starting with a letter or digit); fix: write the name exactly as the AVI controller shows it, e.g. \"Default-Cloud\".",
        ],
    ],
    [
        "a cloud name with a trailing space",
        controller({ cloudName: "Default-Cloud " }),
        [
            "ingress.controller.cloudName = \"Default-Cloud \" is not an AVI object name (letters, digits, '_', '.', ':', '@' or '-', single spaces between words, starting with a letter or digit); fix: write the name exactly as the AVI controller shows it, e.g. \"Default-Cloud\".",
        ],
    ],
    [
        "a Service Engine group name with a quote",
        controller({ serviceEngineGroup: 'Default"Group' }),
        [
            "ingress.controller.serviceEngineGroup = \"Default\\\"Group\" is not an AVI object name (letters, digits, '_', '.', ':', '@' or '-', single spaces between words, starting with a letter or digit); fix: write the name exactly as the AVI controller shows it, e.g. \"Default-Cloud\".",
        ],
    ],
    [
        "a CA that is not a certificate",
        controller({ caCertificate: publicKeyPem() }),
        [
            "ingress.controller.caCertificate = [not shown] is not a PEM certificate; fix: paste the controller CA's certificate in PEM form (the BEGIN CERTIFICATE block), or leave it unset if the controller's certificate is publicly trusted.",
        ],
    ],
    [
        "a VIP network name with a newline",
        avi({ vipNetworks: [{ name: "vip\nnet", cidr: "10.20.0.0/24" }] }),
        [
            "ingress.vipNetworks[0].name = [not shown] is not an AVI object name (letters, digits, '_', '.', ':', '@' or '-', single spaces between words, starting with a letter or digit); fix: write the name exactly as the AVI controller shows it, e.g. \"Default-Cloud\".",
        ],
    ],
    [
        "a VIP CIDR with host bits",
        avi({ vipNetworks: [{ name: "vip", cidr: "10.20.0.1/24" }] }),
        ['ingress.vipNetworks[0].cidr = "10.20.0.1/24" has host bits set, so it really means 10.20.0.0/24; fix: write "10.20.0.0/24".'],
    ],
    [
        "a node network CIDR that is not one",
        avi({ nodeNetworks: [{ name: "node", cidrs: ["10.10.0.0"] }] }),
        ['ingress.nodeNetworks[0].cidrs[0] = "10.10.0.0" is not a CIDR; fix: write it like "192.168.110.0/24".'],
    ],
    [
        "a default domain with a scheme",
        avi({ defaultDomain: "https://avi.internal" }),
        [
            'ingress.defaultDomain = "https://avi.internal" is not a DNS-1123 subdomain (dot-separated lowercase labels of letters, digits and \'-\', at most 253 characters); fix: use a name like "apps.example.com".',
        ],
    ],
    [
        "an empty default domain",
        avi({ defaultDomain: "" }),
        [
            'ingress.defaultDomain = "" is not a DNS-1123 subdomain (dot-separated lowercase labels of letters, digits and \'-\', at most 253 characters); fix: use a name like "apps.example.com".',
        ],
    ],
    [
        "NodePortLocal without Antrea's NodePortLocal",
        avi({}, { kind: "antrea" }),
        [
            'ingress.serviceType = "NodePortLocal" needs Antrea\'s NodePortLocal, which cni.nodePortLocal.enable turns on; fix: set cni.nodePortLocal.enable: true, or ingress.serviceType: ClusterIP.',
        ],
    ],
    [
        "NodePortLocal on another CNI",
        avi({ serviceType: "NodePortLocal" }, { kind: "cilium" }),
        [
            'ingress.serviceType = "NodePortLocal" needs Antrea as the CNI (AKO refuses NodePortLocal with cniPlugin "cilium"); fix: set cni.kind: antrea, or ingress.serviceType: ClusterIP.',
        ],
    ],
    [
        "an AKO key the project owns",
        avi({ values: { L7Settings: { serviceType: "NodePort" } } }),
        [
            'ingress.values.L7Settings.serviceType = "NodePort" overrides a value the project renders from a first-class setting; fix: set ingress.serviceType instead.',
        ],
    ],
    [
        "an AKO section replaced by a scalar",
        avi({ values: { AKOSettings: null } }),
        ["ingress.values.AKOSettings = null replaces a map that holds values the project renders; fix: set single keys under it instead."],
    ],
    [
        "an AKO image with a tag",
        avi({ values: { image: { repository: "registry.example.com/ako/ako:2.1.1" } } }),
        [
            'ingress.values.image.repository = "registry.example.com/ako/ako:2.1.1" names a tag or digest, but a repository is the image name alone; fix: write the repository alone, e.g. "registry.example.com/team/app" (the chart adds the tag).',
        ],
    ],
    [
        "an AKO CRD operator image that is not a repository",
        avi({ values: { "ako-crd-operator": { controllerManager: { container: { image: { repository: "Registry/AKO" } } } } } }),
        [
            'ingress.values.ako-crd-operator.controllerManager.container.image.repository = "Registry/AKO" is not an image repository ([registry/]path of lowercase letters, digits and separators, without spaces, quotes or shell characters); fix: write it like "registry.example.com/team/app".',
        ],
    ],
    [
        "AKO keys the pinned chart does not have, each quoted in its path (a dotted key is no path)",
        avi({
            values: {
                "a.b": 1,
                AKOSettings: { "cluster Name": "x", logLevel: "INFO" },
                "AKOSettings.clusterName": "y",
                nodeSelector: { zone: "a" },
                resources: { limits: { "ephemeral-storage": "1Gi" } },
            },
        }),
        [
            'ingress.values["a.b"] = 1 is not a key of the AKO 2.1.1 chart, which would ignore it silently; fix: remove it, or use a key from the chart\'s values.yaml.',
            'ingress.values.AKOSettings["cluster Name"] = "x" is not a key of the AKO 2.1.1 chart, which would ignore it silently; fix: remove it, or use a key from the chart\'s values.yaml.',
            'ingress.values["AKOSettings.clusterName"] = "y" is not a key of the AKO 2.1.1 chart, which would ignore it silently; fix: remove it, or use a key from the chart\'s values.yaml.',
        ],
    ],
    [
        "an AKO image repository with credentials, never shown",
        avi({ values: { GatewayAPI: { image: { repository: "user:pw@registry.example.com/ako/gw" } } } }),
        [
            'ingress.values.GatewayAPI.image.repository = "[not shown]@registry.example.com/ako/gw" carries credentials (user:password@), which would be stored and printed in clear; fix: remove user:password@ and give the credentials as a secret setting.',
        ],
    ],
    [
        "a GSLB weight out of range",
        policy({ trafficSplit: { east: 25 } }),
        ["ingress.gslb.policy.trafficSplit.east = 25 is not a GSLB weight (a whole number from 1 to 20); fix: use a weight from 1 to 20."],
    ],
    [
        "a GSLB TTL beyond a day",
        policy({ ttl: 86401 }),
        [
            "ingress.gslb.policy.ttl = 86401 is not a GSLB DNS TTL (whole seconds from 1 to 86400); fix: use e.g. 30, or leave it unset to inherit the DNS virtual service's TTL.",
        ],
    ],
    [
        "an app selector label key with a space",
        policy({ appSelector: { "my app": "gslb" } }),
        [
            'ingress.gslb.policy.appSelector["my app"] = "my app" is not a valid label key ([prefix/]name: a DNS subdomain prefix, a name of at most 63 letters, digits, \'-\', \'_\' or \'.\'); fix: use a key like "app" or "example.com/tier".',
        ],
    ],
    [
        "an app selector label value with a slash",
        policy({ appSelector: { app: "a/b" } }),
        [
            "ingress.gslb.policy.appSelector.app = \"a/b\" is not a valid label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends); fix: use a value like \"web\".",
        ],
    ],
    [
        "an empty namespace selector value",
        policy({ namespaceSelector: { gslb: "" } }),
        [
            'ingress.gslb.policy.namespaceSelector.gslb = "" is empty, and AMKO rejects a GlobalDeploymentPolicy whose selector has an empty label value; fix: give the label a value, e.g. "gslb".',
        ],
    ],
    [
        "a GSLB leader outside the members",
        gslb({ leader: "north" }),
        ['ingress.gslb.leader = "north" is not a GSLB member; fix: use one of "east", "west".'],
    ],
    [
        "a GSLB leader controller URL",
        gslb({ leaderController: "http://10.0.0.50" }),
        [
            'ingress.gslb.leaderController = "http://10.0.0.50" is a URL, but a host is only a name or an IP; fix: write the host alone, e.g. "10.0.0.10" or "controller.example.com".',
        ],
    ],
    [
        "a GSLB leader controller YAML reads as a number",
        gslb({ leaderController: "1e5" }),
        [
            'ingress.gslb.leaderController = "1e5" would be read as a number, boolean or null where the AMKO chart writes it unquoted; fix: use a name with letters that is not a YAML keyword.',
        ],
    ],
    [
        "a tenant the AMKO chart would read as a boolean",
        avi({ controller: { host: "10.10.10.5", version: "31.1.1", tenant: "yes" }, gslb: {} }),
        [
            'ingress.controller.tenant = "yes" would be read as a number, boolean or null where the AMKO chart writes it unquoted; fix: use a name with letters that is not a YAML keyword.',
        ],
    ],
    [
        "an AMKO UUID of the wrong shape",
        gslb({ amkoUuid: "1234" }),
        [
            'ingress.gslb.amkoUuid = "1234" is not a UUID (the chart requires 36 characters); fix: write it as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, or leave it unset.',
        ],
    ],
    [
        "an AMKO federator image with a digest",
        gslb({ values: { federation: { image: { repository: "r.example.com/amko-federator@sha256:00" } } } }),
        [
            'ingress.gslb.values.federation.image.repository = "r.example.com/amko-federator@sha256:00" names a tag or digest, but a repository is the image name alone; fix: write the repository alone, e.g. "registry.example.com/team/app" (the chart adds the tag).',
        ],
    ],
    [
        "GSLB without the controller version",
        avi({ controller: { host: "10.10.10.5" }, gslb: {} }),
        ['ingress.controller.version is missing but AMKO needs the AVI controller\'s API version; fix: set it, e.g. "31.1.1".'],
    ],
    [
        "an AKO cluster that does not exist",
        avi({ clusters: ["east", "north"] }),
        ['ingress.clusters[1] = "north" is not the name of a cluster in this stack; fix: use one of "east", "west".'],
    ],
    [
        "a traffic split keyed by no plain name (quoted in the path)",
        policy({ trafficSplit: { "we st": 3 } }),
        [
            'ingress.gslb.policy.trafficSplit["we st"] = 3 names a cluster that is not a GSLB member; fix: split traffic among the members only.',
        ],
    ],
    ["a misspelt GSLB member, named as such once", gslb({ members: ["eest", "west"] }), [unknown("ingress.gslb.members[0]")]],
    [
        "a misspelt AKO cluster, reported once (not again as a GSLB member, weight or count)",
        avi({ clusters: ["eest", "west"], gslb: { policy: { trafficSplit: { east: 5 } } } }),
        [unknown("ingress.clusters[0]")],
    ],
    ["a misspelt AKO cluster leaving one known", avi({ clusters: ["eest"], gslb: {} }), [unknown("ingress.clusters[0]")]],
    [
        "a misspelt AKO cluster, never offered as the fix of a GSLB member",
        avi({ clusters: ["eest", "west"], gslb: { members: ["east", "west"], leader: "east" } }),
        [unknown("ingress.clusters[0]")],
    ],
];
