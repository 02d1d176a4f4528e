// Base64 of texts, as Kubernetes `data` fields, kubeconfigs and chart values carry PEMs and tokens.

/** Base64 of a UTF-8 text. */
export function base64(text: string): string {
    return Buffer.from(text, "utf8").toString("base64");
}

/** The UTF-8 text of a base64 value. */
export function fromBase64(encoded: string): string {
    return Buffer.from(encoded, "base64").toString("utf8");
}
