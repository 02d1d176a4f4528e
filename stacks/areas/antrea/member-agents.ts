// The ClusterSet's rule on its members' Antrea, run over the installs the stack declares (the component's rule, reused).
import { agentFactsOf, clusterSetAgentIssues } from "../../../components/antrea/cluster-set/agent-checks";
import { ValidationIssue, fieldPaths } from "../../../components/shared/validation";
import { StackConfig } from "../../config/types";
import { agentSettingsOf, antreaMeshOf, antreaSettingsOf, memberNamesOf } from "./validate";

/**
 * `clusterSetAgentIssues` over the facts of the installs `wireCni` declares (the same `agentFactsOf` as
 * `AntreaInstall.agent`), at the stack's keys: the stack gives every member the gate and derives both sides from
 * `mesh`, so this guards the wiring itself. Without Antrea as the CNI, `checkMeshNeedsCni` reports instead.
 */
export function memberAgentIssues(config: StackConfig): ValidationIssue[] {
    const mesh = antreaMeshOf(config);
    if (!mesh || config.cni.kind !== "antrea") {
        return [];
    }
    const antrea = agentFactsOf(antreaSettingsOf(config.cni), agentSettingsOf(mesh));
    const names = memberNamesOf(config, mesh);
    const members = names.map((name) => ({ cluster: { name }, antrea }));
    const fields = Object.fromEntries(names.map((_, i) => [`members[${i}].antrea`, "cni"]));
    const at = fieldPaths({
        ...fields,
        podToPod: "mesh.podToPod",
        stretchedNetworkPolicy: "mesh.stretchedNetworkPolicy",
        trafficEncryption: "mesh.trafficEncryption",
    });
    return clusterSetAgentIssues({ ...mesh, members }, at);
}
