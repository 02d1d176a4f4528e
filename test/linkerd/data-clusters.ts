// Clusters given as plain Cluster data (no provisioner): the kubeconfig resolves after an "API answers" step per cluster.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../components/cluster";

/** A cluster as plain data whose kubeconfig and incarnation resolve after the command `<name>-api-ready`. */
export function dataCluster(name: string, index: number): Cluster {
    const ready = new command.local.Command(`${name}-api-ready`, { create: "true" });
    return {
        name,
        network: { podCidrs: [`10.${index + 1}.0.0/16`], serviceCidrs: [`10.${index + 96}.0.0/16`], nodeAddresses: [] },
        endpoint: { host: `${name}.example`, port: 6443 },
        caCertificate: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n",
        incarnation: pulumi.interpolate`${name}@${ready.id}`,
        kubeconfig: pulumi.secret(ready.stdout.apply(() => "apiVersion: v1\nkind: Config\n")),
        apiServer: `https://${name}.example:6443`,
    };
}
