// The AVI row: AKO per cluster and AMKO across clusters, off until an external AVI controller is configured.
import * as pulumi from "@pulumi/pulumi";
import { AviGslb } from "../../../components/avi/gslb";
import { AviIngress } from "../../../components/avi/ingress";
import { ConfigValidationError, issue } from "../../../components/shared/validation";
import { stackConfigSubject } from "../../config/crossrefs";
import { StackConfig } from "../../config/types";
import { AviConfig, akoClustersOf, akoSettingsFor, aviEnabled, aviIssues, aviOf, gslbOf } from "./validate";
import { LayerContext, LayerResult, LayerRow, ProvisionedCluster, RequiredSecret } from "../../layers/layer";

/** The secret config key holding the AVI controller password. */
export const AVI_PASSWORD_KEY = "aviPassword";

const OFF_NOTE = "AVI is configured but off: set ingress.controller.host (and the secret aviPassword) to install AKO and AMKO";

function requireAvi(config: StackConfig): AviConfig {
    const avi = aviOf(config);
    if (!avi) {
        throw new Error(`internal: the AVI row runs with ingress.kind ${config.ingress.kind}`);
    }
    return avi;
}

function clusterNamed(clusters: readonly ProvisionedCluster[], name: string): ProvisionedCluster {
    const found = clusters.find((entry) => entry.config.name === name);
    if (!found) {
        throw new Error(`internal: cluster ${name} was not provisioned`);
    }
    return found;
}

function passwordOf(context: LayerContext): pulumi.Output<string> {
    const password = context.secrets.byKey[AVI_PASSWORD_KEY];
    if (!password) {
        throw new ConfigValidationError(stackConfigSubject(context.config.stack), [
            issue(
                AVI_PASSWORD_KEY,
                undefined,
                "but ingress.controller.host is set, and AKO and AMKO log in to the AVI controller with it",
                `set it with \`pulumi config set --secret ${AVI_PASSWORD_KEY}\`, or clear ingress.controller.host`,
            ),
        ]);
    }
    return password;
}

/** AKO in cluster `name` (top-level `avi-ako-<name>`), after that cluster's CNI only. */
function akoIn(context: LayerContext, avi: AviConfig, name: string, password: pulumi.Output<string>): AviIngress {
    const { config, clusters } = context;
    return new AviIngress(
        `avi-ako-${name}`,
        {
            cluster: clusterNamed(clusters, name).cluster,
            version: config.versions.ako,
            settings: akoSettingsFor(config, avi, name),
            password,
        },
        { dependsOn: [...context.readyOf(name, "cni")] },
    );
}

/**
 * AKO in every AKO cluster (top-level `avi-ako-<cluster>`, after that cluster's CNI only: AKO needs Pods and, with
 * NodePortLocal, Antrea's NPL, never the multicluster layer's health), then, with `ingress.gslb`, AMKO across them
 * (`avi-amko`). While no controller address is set, nothing is installed.
 */
function wireAvi(context: LayerContext): LayerResult {
    const { config, clusters } = context;
    const avi = requireAvi(config);
    if (!aviEnabled(avi)) {
        pulumi.log.warn(OFF_NOTE);
        return { outputs: { enabled: false, note: OFF_NOTE } };
    }
    const password = passwordOf(context);
    const ako = Object.fromEntries(akoClustersOf(config, avi).map((name) => [name, akoIn(context, avi, name, password)]));
    const ready: Record<string, pulumi.Resource[]> = Object.fromEntries(
        Object.entries(ako).map(([name, ingress]) => [name, [...ingress.ready]]),
    );
    const gslb = gslbOf(config, avi);
    if (gslb) {
        const amko = new AviGslb(
            "avi-amko",
            {
                members: gslb.members.map((name) => ({ cluster: clusterNamed(clusters, name).cluster })),
                leader: gslb.leader,
                version: config.versions.amko,
                settings: gslb.settings,
                password,
            },
            // Every member's AKO: each member's AMKO objects wait for all of them (one list in opts).
            { dependsOn: gslb.members.flatMap((name) => [...ako[name].ready]) },
        );
        Object.entries(amko.ready).forEach(([name, resources]) => ready[name]?.push(...resources));
    }
    return {
        ready,
        outputs: {
            enabled: true,
            controller: avi.controller.host,
            ako: Object.keys(ako),
            gslb: gslb ? { leader: gslb.leader, members: gslb.members } : "off",
        },
    };
}

/** Once a controller is set, AKO and AMKO need its password: checked (presence only) before anything is created. */
function requiredSecrets(config: StackConfig): RequiredSecret[] {
    const avi = aviOf(config);
    return avi && aviEnabled(avi)
        ? [
              {
                  key: AVI_PASSWORD_KEY,
                  neededBy: 'ingress.kind "avi" with a controller host (AKO and AMKO log in with it)',
                  fix: `set it with \`pulumi config set --secret ${AVI_PASSWORD_KEY}\`, or clear ingress.controller.host`,
              },
          ]
        : [];
}

/** ingress: avi. */
export const aviRow: LayerRow = {
    title: "AVI: AKO per cluster, AMKO across clusters (needs an external AVI controller)",
    check: aviIssues,
    requiredSecrets,
    wire: wireAvi,
    off: (config) => {
        const avi = aviOf(config);
        return avi && !aviEnabled(avi) ? "avi is configured but off until ingress.controller.host is set" : undefined;
    },
};
