// Declared contents of the Gateway API standard-install.yaml this project applies before Linkerd (CRD skeletons).
//
// Checked against kubernetes-sigs/gateway-api@v1.2.1: the release asset is `hack/build-install-yaml.sh`'s
// concatenation of `config/crd/standard/*.yaml` (five CRDs, nothing else).
import { FetchedManifest, declaredCrd } from "../shared/fetched-manifest";
import { gatewayApiUrl } from "./install";

const GROUP = "gateway.networking.k8s.io";

/** Gateway API versions whose standard-install.yaml is declared. */
const DECLARED_VERSIONS = ["1.2.1"] as const;

/** `config/crd/standard/gateway.networking.k8s.io_<plural>.yaml`@v1.2.1, in `ls` order. */
function standardCrds(): FetchedManifest["objects"] {
    return [
        declaredCrd(GROUP, "GatewayClass", "gatewayclasses", "Cluster", ["v1", "v1beta1"], "v1"),
        declaredCrd(GROUP, "Gateway", "gateways", "Namespaced", ["v1", "v1beta1"], "v1"),
        declaredCrd(GROUP, "GRPCRoute", "grpcroutes", "Namespaced", ["v1"]),
        declaredCrd(GROUP, "HTTPRoute", "httproutes", "Namespaced", ["v1", "v1beta1"], "v1"),
        declaredCrd(GROUP, "ReferenceGrant", "referencegrants", "Namespaced", ["v1beta1"]),
    ];
}

/** Every declared standard-install.yaml, by the URL the program fetches. */
export function gatewayApiFetchedManifests(): FetchedManifest[] {
    return DECLARED_VERSIONS.map((version) => ({
        url: gatewayApiUrl(version),
        source: `kubernetes-sigs/gateway-api config/crd/standard/@v${version} (hack/build-install-yaml.sh)`,
        objects: standardCrds(),
    }));
}
