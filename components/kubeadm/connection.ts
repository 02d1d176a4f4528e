// SSH connection settings of a node for remote.Command (the private key only ever inside a secret).
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedNode, ResolvedSsh } from "./types";

type ConnectionArgs = command.types.input.remote.ConnectionArgs;

/** Dial attempts before a step gives up on an unreachable host (the provider's default is 10). */
export const DIAL_ERROR_LIMIT = 20;
/** Seconds per dial attempt. */
export const PER_DIAL_TIMEOUT = 15;

/** The connection to `node`: host key pinned when given, through the bastion when set; secret when it holds the key. */
export function nodeConnection(ssh: ResolvedSsh, node: ResolvedNode, privateKey?: pulumi.Input<string>): pulumi.Input<ConnectionArgs> {
    const key = privateKey === undefined ? {} : { privateKey: pulumi.secret(privateKey) };
    const bastion = ssh.bastion && {
        host: ssh.bastion.host,
        port: ssh.bastion.port,
        user: ssh.bastion.user,
        ...(ssh.bastion.hostKey ? { hostKey: ssh.bastion.hostKey } : {}),
        dialErrorLimit: DIAL_ERROR_LIMIT,
        perDialTimeout: PER_DIAL_TIMEOUT,
        ...key,
    };
    const connection: ConnectionArgs = {
        host: node.host,
        port: ssh.port,
        user: ssh.user,
        ...(node.hostKey ? { hostKey: node.hostKey } : {}),
        dialErrorLimit: DIAL_ERROR_LIMIT,
        perDialTimeout: PER_DIAL_TIMEOUT,
        ...(bastion ? { proxy: bastion } : {}),
        ...key,
    };
    return privateKey === undefined ? connection : pulumi.secret(pulumi.output(connection));
}
