// The keys the pinned AKO chart reads (release-2.1.1), next to its version facts: the escape hatch may set only these.

/** The AKO release the key lists below were read from (vmware/load-balancer-and-ingress-services-for-kubernetes release-2.1.1, 1c7c314). */
export const AKO_CHART_KEYS_VERSION = "2.1.1";

/** Every key path of `helm/ako/values.yaml` at release-2.1.1, dotted (keys commented out in the file are not listed). */
export const AKO_VALUE_PATHS: readonly string[] = [
    "AKOSettings", "AKOSettings.apiServerPort", "AKOSettings.blockedNamespaceList", "AKOSettings.clusterName", "AKOSettings.cniPlugin",
    "AKOSettings.deleteConfig", "AKOSettings.disableStaticRouteSync", "AKOSettings.enableEVH", "AKOSettings.enableEvents",
    "AKOSettings.fullSyncFrequency", "AKOSettings.ipFamily", "AKOSettings.istioEnabled", "AKOSettings.layer7Only", "AKOSettings.logLevel",
    "AKOSettings.namespaceSelector", "AKOSettings.namespaceSelector.labelKey", "AKOSettings.namespaceSelector.labelValue",
    "AKOSettings.primaryInstance", "AKOSettings.servicesAPI", "AKOSettings.useDefaultSecretsOnly", "AKOSettings.vipPerNamespace",
    "AKOSettings.vpcMode", "ControllerSettings", "ControllerSettings.cloudName", "ControllerSettings.controllerHost",
    "ControllerSettings.controllerVersion", "ControllerSettings.dedicatedTenantMode", "ControllerSettings.serviceEngineGroupName",
    "ControllerSettings.tenantName", "ControllerSettings.vrfName", "GatewayAPI", "GatewayAPI.image", "GatewayAPI.image.pullPolicy",
    "GatewayAPI.image.repository", "L4Settings", "L4Settings.autoFQDN", "L4Settings.defaultDomain", "L4Settings.defaultLBController", "L7Settings",
    "L7Settings.defaultIngController", "L7Settings.enableMCI", "L7Settings.fqdnReusePolicy", "L7Settings.noPGForSNI",
    "L7Settings.passthroughShardSize", "L7Settings.serviceType", "L7Settings.shardVSSize", "NetworkSettings", "NetworkSettings.bgpPeerLabels",
    "NetworkSettings.defaultDomain", "NetworkSettings.enableRHI", "NetworkSettings.nodeNetworkList", "NetworkSettings.nsxtT1LR",
    "NetworkSettings.vipNetworkList", "ako-crd-operator", "ako-crd-operator.controllerManager", "ako-crd-operator.controllerManager.container",
    "ako-crd-operator.controllerManager.container.image", "ako-crd-operator.controllerManager.container.image.imagePullPolicy",
    "ako-crd-operator.controllerManager.container.image.pullSecrets", "ako-crd-operator.controllerManager.container.image.repository",
    "ako-crd-operator.controllerManager.container.logFile", "ako-crd-operator.controllerManager.container.mountPath",
    "ako-crd-operator.controllerManager.container.resources", "ako-crd-operator.controllerManager.container.resources.limits",
    "ako-crd-operator.controllerManager.container.resources.limits.cpu", "ako-crd-operator.controllerManager.container.resources.limits.memory",
    "ako-crd-operator.controllerManager.container.resources.requests", "ako-crd-operator.controllerManager.container.resources.requests.cpu",
    "ako-crd-operator.controllerManager.container.resources.requests.memory", "ako-crd-operator.controllerManager.persistentVolumeClaim",
    "ako-crd-operator.enabled", "akoGatewayLogFile", "avicredentials", "avicredentials.authtoken", "avicredentials.certificateAuthorityData",
    "avicredentials.password", "avicredentials.username", "featureGates", "featureGates.EnablePrometheus", "featureGates.GatewayAPI", "image",
    "image.pullPolicy", "image.pullSecrets", "image.repository", "logFile", "mountPath", "nodePortSelector", "nodePortSelector.key",
    "nodePortSelector.value", "persistentVolumeClaim", "podSecurityContext", "rbac", "rbac.pspEnable", "replicaCount", "resources",
    "resources.limits", "resources.limits.cpu", "resources.limits.memory", "resources.requests", "resources.requests.cpu",
    "resources.requests.memory", "securityContext"
];

/** Keys the release-2.1.1 templates read that values.yaml does not list (`_helpers.tpl`, `statefulset.yaml`, `serviceaccount.yaml`). */
export const AKO_TEMPLATE_KEYS: readonly string[] = [
    "fullnameOverride", "isClusterService", "nameOverride", "nodeSelector", "serviceAccount", "serviceAccount.create", "serviceAccount.name", "tolerations",
];

/**
 * Maps whose keys are not the chart's: Kubernetes objects the templates copy with `toYaml` (`resources`), and the
 * values of the `ako-crd-operator` subchart, which reads its own values.yaml.
 */
export const AKO_FREE_FORM: readonly string[] = ["resources", "ako-crd-operator"];

/** The chart's keys as `unknownKeys` takes them: every key path, a free-form map as a leaf (anything under it goes). */
export const AKO_KNOWN_KEYS: ReadonlySet<string> = new Set([...AKO_VALUE_PATHS, ...AKO_TEMPLATE_KEYS]
    .filter((path) => !AKO_FREE_FORM.some((map) => path.startsWith(`${map}.`))));
