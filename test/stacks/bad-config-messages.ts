// The exact messages for every case of test/cases/bad-configs.ts, reviewed by hand (one sentence each).
import { secretConfigKeys } from "../../stacks/config/schema";

/** `a, b and c`, as the messages list secret keys. */
const listed = (items: readonly string[]): string => `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** Exact messages per case of test/cases/bad-configs.ts (reviewed by hand; keep them one sentence each). */
export const expected: Record<string, string[]> = {
    "no clusters": ["clusters = [] needs at least 1 entry; fix: add entries to clusters."],
    "clusters missing": ["clusters is missing; fix: set clusters (a list)."],
    "unknown config key": [
        "multicluster:cluster = [not shown] is not a config key of this project; fix: write multicluster:clusters (keys are case-sensitive), or remove it.",
    ],
    "unknown cluster setting": [
        'clusters[0].podCIDR = [not shown] is not a known setting; fix: write "podCidr" (keys are case-sensitive), or remove it.',
    ],
    "unknown provisioner": ['clusters[0].provisioner = "vagrant" is not one of "kubeadm", "kind"; fix: use one of those values.'],
    "name not DNS-1123": [
        'clusters[0].name = "East_1" is not a DNS-1123 label (lowercase letters, digits and \'-\', alphanumeric at both ends, at most 63 characters); fix: rename it, e.g. "east-1".',
    ],
    "duplicate names": ['clusters[1].name = "east" is already the name of clusters[0]; fix: give every cluster a unique name.'],
    "not a CIDR": ['clusters[0].podCidr = "10.244.0.0" is not a CIDR; fix: write it as address/prefix, e.g. "10.1.0.0/16", or "auto".'],
    "host bits set (seed 003's 10.97.0.0/12)": [
        'clusters[1].serviceCidr = "10.97.0.0/12" has host bits set, so it really means 10.96.0.0/12; fix: write "10.96.0.0/12" if that is meant, or choose a block aligned to /12 that no other range uses.',
    ],
    "pod CIDRs overlap between clusters": [
        'clusters[1].podCidr = "10.244.128.0/17" overlaps clusters[0].podCidr "10.244.0.0/16" (10.244.0.0-10.244.255.255); fix: give every pod and service range of every cluster its own block, or set it to "auto".',
    ],
    "pod and service CIDR overlap within a cluster": [
        'clusters[0].serviceCidr = "10.244.64.0/18" overlaps clusters[0].podCidr "10.244.0.0/16" (10.244.0.0-10.244.255.255); fix: give every pod and service range of every cluster its own block, or set it to "auto".',
    ],
    "node IP inside a pod range": [
        'clusters[0].controlPlanes[0].host = "172.26.0.141" lies inside clusters[0].podCidr "172.26.0.0/16"; fix: move the pod/service range away from the node network (or set it to "auto").',
        'clusters[0].workers[0].host = "172.26.0.142" lies inside clusters[0].podCidr "172.26.0.0/16"; fix: move the pod/service range away from the node network (or set it to "auto").',
    ],
    "duplicate mesh IDs": ["clusters[1].id = 7 is already the ID of clusters[0]; fix: give every cluster a unique ID."],
    "mesh ID out of range": ["clusters[0].id = 256 is outside the mesh ID range 1-255; fix: pick an unused ID from 1 to 255."],
    "LoadBalancer pools overlap across clusters": [
        'clusters[1].loadBalancerPools[0] = "172.18.255.216/29" overlaps the LoadBalancer pool clusters[0].loadBalancerPools[0] "172.18.255.200-172.18.255.219"; fix: give every pool its own addresses.',
    ],
    "LoadBalancer pool not a range": [
        'clusters[0].loadBalancerPools[0] = "172.18.255.200-172.18.255.100" is not an aligned CIDR or a first-last address range; fix: write it as e.g. "172.18.255.200/29" or "172.18.255.200-172.18.255.219".',
    ],
    "two control planes": [
        'clusters[0].controlPlanes = ["172.26.0.141","172.26.0.143"] has 2 hosts, and etcd needs 1 or at least 3 members for quorum; fix: use 1 control plane, or 3 or more.',
        'clusters[0].controlPlaneEndpoint is missing but several control planes need a shared endpoint (a VIP or load balancer); fix: set clusters[0].controlPlaneEndpoint to "<vip>:6443".',
    ],
    "node without an IP": [
        "clusters[0].workers[0].host = \"worker-1.lab\" is not an IP address, and kubeadm needs the node's IP; fix: set clusters[0].workers[0].address to the node's IP (host may stay a DNS name for SSH).",
    ],
    "mesh needs another CNI": [
        'mesh.kind = "cilium-clustermesh" needs cni.kind "cilium" but cni.kind is "antrea"; fix: set cni.kind to "cilium" or choose another mesh.',
    ],
    "mesh names an unknown cluster": ['mesh.leader = "north" is not the name of a cluster in this stack; fix: use one of "east", "west".'],
    "pinned clustermesh IP outside the pools": [
        'mesh.apiServerIps.east = "172.18.255.240" is not inside any of clusters[0].loadBalancerPools; fix: pick an IP from that cluster\'s pools, or add a pool that holds it.',
    ],
    "version with a leading v": ['versions.kubernetes = "v1.36.1" is not a version like 1.36.1; fix: write it as 1.36.1 (no leading "v").'],
    "SSH key in plain text": [
        "sshPrivateKey = [not shown] is stored in plain text in the stack file; fix: set it with `pulumi config set --secret sshPrivateKey < file` (or type it after `pulumi config set --secret sshPrivateKey`).",
    ],
    "auto range does not fit": [
        'clusters[0].podCidr = "auto" cannot be allocated: no free /16 is left in 10.0.0.0/24; fix: widen network.supernet, raise network.podPrefix/servicePrefix, or give this cluster explicit ranges.',
        'clusters[0].serviceCidr = "auto" cannot be allocated: no free /20 is left in 10.0.0.0/24; fix: widen network.supernet, raise network.podPrefix/servicePrefix, or give this cluster explicit ranges.',
    ],
    "node name not a DNS-1123 subdomain": [
        "clusters[0].workers[0].name = \"Worker_1\" is not a valid Kubernetes node name (DNS-1123 subdomain); fix: use lowercase letters, digits, '-' and '.'.",
    ],
    "control-plane endpoint not host:port": [
        'clusters[0].controlPlaneEndpoint = "https://172.26.0.100" is not host:port; fix: write it as e.g. "10.0.0.100:6443" or "api.example.internal:6443".',
    ],
    "two nodes with one address": [
        'clusters[0].workers[0].host = "172.26.0.141" is already the address of clusters[0].controlPlanes[0].host; fix: list every node once, with its own address.',
    ],
    "LoadBalancer pool inside a service range": [
        'clusters[0].loadBalancerPools[0] = "10.96.255.0/28" overlaps clusters[0].serviceCidr "10.96.0.0/16"; fix: take pool addresses from the node network, outside every pod and service range.',
    ],
    "kind image not pinned by digest": [
        'versions.kindNodeImage = "kindest/node:v1.36.1" is not pinned by digest; fix: write it as kindest/node:v1.36.1@sha256:<64 hex digits> from the kind release notes.',
    ],
    "Cilium cluster name too long": [
        'clusters[0].name = "east-cluster-with-a-very-long-name-x" cannot be a Cilium cluster name (at most 32 characters, and not "default"); fix: shorten or rename the cluster.',
    ],
    "Cilium LoadBalancer exposure without a pinned IP": [
        "mesh.apiServerIps.east is missing but mesh.exposure LoadBalancer needs this cluster's clustermesh-apiserver IP pinned; fix: set an IP from the cluster's loadBalancerPools.",
    ],
    "L2 announcements without kube-proxy replacement": [
        "cni.l2Announcements = true needs cni.kubeProxyReplacement: true (L2 announcements are part of Cilium's kube-proxy replacement); fix: set cni.kubeProxyReplacement: true, or announce the LoadBalancer IPs by BGP instead.",
    ],
    "kube-proxy skipped without a replacement": [
        "clusters[0].skipKubeProxy = true leaves the cluster without any Service proxy because cni.kubeProxyReplacement is false; fix: set cni.kubeProxyReplacement: true, or skipKubeProxy: false.",
    ],
    "Antrea member and gateway of unknown clusters": [
        'mesh.members[1] = "south" is not the name of a cluster in this stack; fix: use one of "east", "west".',
        'mesh.gatewayNodes.north = "north" is not the name of a cluster in this stack; fix: use one of "east", "west".',
    ],
    "Linkerd link to itself and to an unknown cluster": [
        'mesh.links[0].to = "east" is the same cluster as from; fix: link two different clusters.',
        'mesh.links[1].to = "north" is not the name of a cluster in this stack; fix: use one of "east", "west".',
    ],
    "Contrail central is not a cluster": [
        'mesh.central = "central" is not the name of a cluster in this stack; fix: use one of "k8s-01", "k8s-02".',
    ],
    "one-cluster mesh": [
        'mesh.kind = "cilium-clustermesh" connects 1 cluster, and a mesh needs at least 2; fix: add a cluster, or set mesh.kind: "none" until there is a second one.',
    ],
    "IPv6 range in an IPv4 key": [
        'clusters[0].podCidr = "fd00:10:244::/56" is an IPv6 range in an IPv4 key; fix: give an IPv4 range here and put the IPv6 range in the matching ...V6 key (podCidrV6, serviceCidrV6).',
    ],
    "IPv4 range in an IPv6 key": [
        'clusters[0].podCidrV6 = "10.250.0.0/16" is an IPv4 range in an IPv6 key; fix: give an IPv6 range here (e.g. "fd00:10:244::/56"), and the IPv4 range in podCidr/serviceCidr.',
    ],
    "many problems at once": [
        'clusters[0].name = "A" is not a DNS-1123 label (lowercase letters, digits and \'-\', alphanumeric at both ends, at most 63 characters); fix: rename it, e.g. "a".',
        "clusters[0].workers = -1 is below the minimum 0; fix: use 0 or more.",
        'clusters[1].serviceCidr = "10.97.0.0/12" has host bits set, so it really means 10.96.0.0/12; fix: write "10.96.0.0/12" if that is meant, or choose a block aligned to /12 that no other range uses.',
        'clusters[1].ssh = [not shown] is not a known setting; fix: remove it or use one of "name", "id", "podCidr", "serviceCidr", "podCidrV6", "serviceCidrV6", "loadBalancerPools", "skipKubeProxy", "provisioner", "workers".',
        'mesh.kind = "istio" is not one of "none", "cilium-clustermesh", "antrea-multicluster", "linkerd", "contrail"; fix: use one of those values.',
    ],
    "cluster 2 with a label the kubelet may not set": [
        'clusters[1].workers[0].labels["node-role.kubernetes.io/worker"] = "" cannot be set by the kubelet at registration (NodeRestriction forbids kubernetes.io and k8s.io labels); fix: use a label in your own namespace, e.g. node-role.example.com/worker.',
    ],
    "invalid taint and duplicate node names": [
        'clusters[0].workers[0].taints[0].key = "bad key!" is not a valid taint key (taint keys follow the label key rules); fix: use a key like example.com/dedicated.',
        'clusters[0].workers[1].name = "n1" repeats the node name of clusters[0].workers[0]; fix: give every node its own name and address.',
    ],
    "Kubernetes older than kubeadm v1beta4": [
        'versions.kubernetes = "1.30.4" is older than 1.31.0, the first release whose kubeadm reads kubeadm.k8s.io/v1beta4; fix: use 1.31.0 or later, e.g. 1.36.1.',
    ],
    "containerd 1.x for Kubernetes 1.36": [
        'versions.containerd = "1.7" cannot run Kubernetes 1.36.1, which needs containerd 2.0 or later; fix: use "2.2" (Docker\'s containerd.io 2.2.x).',
    ],
    "containerd that is neither a line nor distribution": [
        'versions.containerd = "latest" is neither a containerd.io version line like "2.2" nor "distribution"; fix: use e.g. "2.2" (Docker\'s containerd.io 2.2.x).',
    ],
    "a /32 pod range and a /30 service range": [
        'clusters[0].podCidr = "10.244.0.0/32" is a /32, but a pod range must be /8 to /24 (IPv4): every node gets its own block of it, and kube-controller-manager allows at most 2^16 of them; fix: use a /8 to /24 range, e.g. "10.244.0.0/16".',
        'clusters[0].serviceCidr = "10.96.0.0/30" is a /30, but a service range must be /12 to /28 (IPv4): kube-apiserver allocates at most 2^20 service IPs, and kubeadm gives the cluster DNS the 10th address; fix: use a /12 to /28 range, e.g. "10.96.0.0/16".',
    ],
    "pod range in the loopback block": [
        'clusters[0].podCidr = "127.0.0.0/16" overlaps 127.0.0.0/8 (loopback address), which cannot carry cluster traffic; fix: choose a private range, e.g. "10.244.0.0/16".',
    ],
    "SSH host written as a URL, endpoint port 99999": [
        'clusters[0].controlPlaneEndpoint = "172.26.0.140:99999" has port 99999, which is not a TCP port (1-65535); fix: use the API server\'s port, usually 6443.',
        'clusters[0].controlPlanes[0].host = "ssh://172.26.0.141" is a URL, but a host is only a name or an IP; fix: write the host alone, e.g. "172.26.0.141", and put the user and port in ssh.user and ssh.port.',
    ],
    "node addresses no other machine can reach": [
        'clusters[0].workers[0].host = "0.0.0.0" is the unspecified address, which no other machine can reach as this node; fix: use the node\'s own unicast IP on the network the nodes share.',
        'clusters[0].workers[1].host = "127.0.0.1" is a loopback address, which no other machine can reach as this node; fix: use the node\'s own unicast IP on the network the nodes share.',
        'clusters[0].workers[2].host = "255.255.255.255" is the broadcast address, which no other machine can reach as this node; fix: use the node\'s own unicast IP on the network the nodes share.',
        'clusters[0].workers[3].host = "224.0.0.5" is a multicast address, which no other machine can reach as this node; fix: use the node\'s own unicast IP on the network the nodes share.',
        'clusters[0].workers[4].host = "169.254.10.1" is a link-local address, which no other machine can reach as this node; fix: use the node\'s own unicast IP on the network the nodes share.',
    ],
    "IPv6 node address on an IPv4 cluster": [
        'clusters[0].workers[0].addressV6 = "fd00::142" is an IPv6 node address on an IPv4-only cluster; fix: set clusters[0].podCidrV6 and clusters[0].serviceCidrV6 to make the cluster dual-stack, or leave it out.',
    ],
    "IPv6 node IP on an IPv4 cluster": [
        'clusters[0].workers[0].host = "fd00::142" is an IPv6 address on an IPv4 cluster (clusters[0].podCidr is IPv4); fix: give the node\'s IPv4 address here (an IPv6 one goes in clusters[0].workers[0].addressV6 on a dual-stack cluster).',
    ],
    "LoadBalancer pools in multicast and over everything": [
        'clusters[0].loadBalancerPools[0] = "224.0.0.0-224.0.0.10" overlaps 224.0.0.0/4 (multicast address), which cannot carry cluster traffic; fix: take pool addresses from the node network, e.g. "172.18.255.200/29".',
        'clusters[0].loadBalancerPools[1] = "0.0.0.0/0" overlaps 0.0.0.0/32 (unspecified address), which cannot carry cluster traffic; fix: take pool addresses from the node network, e.g. "172.18.255.200/29".',
    ],
    "kube-proxy skipped with no CNI to replace it": [
        'clusters[0].skipKubeProxy = true leaves the cluster without any Service proxy because cni.kind is "none" (nothing replaces kube-proxy); fix: set skipKubeProxy: false, or choose a CNI that replaces kube-proxy (cni.kind: cilium with kubeProxyReplacement: true).',
    ],
    "clusters that are not maps": [
        "clusters[0] = null is not a map of settings; fix: write it as a map of settings.",
        "clusters[2] = 5 is not a map of settings; fix: write it as a map of settings.",
    ],
    "SSH users with shell metacharacters": [
        "ssh.user = \"root; rm -rf /\" is not a login name (letters, digits, '_', '.' and '-', at most 32, starting with a letter or '_'); fix: use the account name alone, e.g. \"ubuntu\".",
        "ssh.bastion.user = \"$(id)\" is not a login name (letters, digits, '_', '.' and '-', at most 32, starting with a letter or '_'); fix: use the account name alone, e.g. \"ubuntu\".",
    ],
    "host key with a command after the key": [
        'clusters[0].controlPlanes[0].hostKey = [not shown] is not a single authorized_keys line (<type> <base64 key> [comment]); fix: paste the line `ssh-keyscan -t ed25519 <host>` prints, without the host name: "ssh-ed25519 AAAA...".',
    ],
    "kind image reference with shell metacharacters": [
        'versions.kindNodeImage = "kindest/node:v1.36.1$(reboot)@sha256:00000000000000000000000"... (101 characters) is not an image reference (registry/name:tag@sha256:<digest>, without spaces, quotes or shell characters); fix: copy the image reference from the kind release notes, e.g. kindest/node:v1.36.1@sha256:<64 hex digits>.',
    ],
    "garbage network.supernet that no cluster uses": [
        'network.supernet = "10.64.0.0/33" is not a CIDR; fix: write an aligned IPv4 block that no node, pool or explicit range uses, e.g. "10.64.0.0/10".',
    ],
    "cni.values overriding keys the project owns": [
        'cni.values.cluster.name = "shared" overrides a value the project sets from clusters[].name; fix: use clusters[].name instead, and remove cluster.name from cni.values.',
        "cni.values.ipam.mode = \"kubernetes\" overrides a value the project sets from clusters[].podCidr and podCidrV6 (cluster-pool IPAM over each cluster's own range); fix: use clusters[].podCidr and podCidrV6 (cluster-pool IPAM over each cluster's own range) instead, and remove ipam.mode from cni.values.",
        "cni.values.clustermesh.useAPIServer = false overrides a value the project sets from mesh (kind cilium-clustermesh: exposure, nodePort, maxConnectedClusters, apiServerIps); fix: use mesh (kind cilium-clustermesh: exposure, nodePort, maxConnectedClusters, apiServerIps) instead, and remove clustermesh.useAPIServer from cni.values.",
    ],
    "native routing across clusters on different node subnets": [
        "cni.nativeRoutes = \"direct\" routes pods across clusters whose nodes are on different subnets (172.26.0.0/24, 172.27.0.0/24), and Cilium's direct node routes only reach nodes on the same L2 segment; fix: set cni.nodeSubnet to the one subnet all nodes share, if they do; else set cni.nativeRoutes: provided if your network routes every cluster's pod CIDR to its nodes (BGP or static routes), or use cni.routingMode: tunnel.",
    ],
    "native routing in a mesh without kube-proxy replacement": [
        "cni.routingMode = \"native\" in a Cluster Mesh needs cni.kubeProxyReplacement: true (exactly the mesh's pod CIDRs are exempted from masquerading by Cilium's BPF ip-masq-agent, and BPF masquerading is part of kube-proxy replacement); fix: set cni.kubeProxyReplacement: true, or use routingMode: tunnel.",
    ],
    "a type error beside network and cross-reference problems": ['clusters[0].workers = "two" is not a number; fix: write it as a number.'],
    "an unknown provisioner beside a real overlap": [
        'clusters[0].provisioner = "vagrant" is not one of "kubeadm", "kind"; fix: use one of those values.',
    ],
    "a private key under a misspelled and a nested key": [
        "multicluster:sshPrivatekey = [not shown] is not a config key of this project; fix: write multicluster:sshPrivateKey (keys are case-sensitive), or remove it.",
        "ssh.privateKey = [not shown] holds an OpenSSH private key, which must never be in a plain setting (it would be written in clear into the plan and the rendered files); " +
            "fix: remove it and give only what this setting takes (a certificate or a public key, never a private one; a URL without user:password@); " +
            `secrets go only in the secret config keys ${secretConfigKeys.join(", ")} (pulumi config set --secret <key> < file).`,
    ],
    "a multi-line value and a long value": [
        "clusters[0].name = [not shown] is not a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most 63 characters); fix: rename it to a short lowercase name like \"east\".",
        'clusters[1].podCidr = "10.245.0.0/16                                               "... (103 characters) is not a CIDR; fix: write it as address/prefix, e.g. "10.1.0.0/16", or "auto".',
    ],
    "clusters given as a map": [
        'clusters = {"east":{"name":"east","id":1,"provisioner":"kind","podCidr":"10.244.0.0/16",... is not a list; fix: write it as a list.',
    ],
    "an ID beyond every integer, and a fractional one": [
        "clusters[0].id = about 1.000e+20 is a whole number too large to be held exactly (beyond 2^53), so it cannot be passed on as written; fix: use a smaller number, or quote it if it is text.",
        "clusters[1].id = 2.5 is not a whole number; fix: write it as a whole number.",
    ],
    "secure value on a plain setting": [
        `mesh = [not shown] is a secret (\`secure:\`) value, but this setting is plain configuration; fix: write mesh in plain text (pulumi config set without --secret); only ${listed(secretConfigKeys)} are secrets.`,
    ],
    "namespace one typo away": [
        "multicluser:mesh = [not shown] is in namespace multicluser, which this project does not read; fix: write it as multicluster:mesh.",
    ],
};
