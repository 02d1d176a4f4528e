// Derived private keys: the same fresh stream gives the same key (remembered, so re-deriving skips the prime search).
import { expect } from "chai";
import * as crypto from "crypto";
import { derivePrivateKey } from "../../tools/engine/derived-keys";
import { derivedEntropy } from "../../tools/engine/entropy";

const stream = (label: string) => derivedEntropy(crypto.createHash("sha256").update(label).digest());
const pem = (key: crypto.KeyObject) => key.export({ format: "pem", type: "pkcs8" }).toString();

describe("derived private keys", () => {
    it("re-derives the same RSA key from an equal fresh stream, remembered rather than searched again", () => {
        const first = derivePrivateKey("RSA", 2048, "P256", stream("memo-a"));
        const started = process.hrtime.bigint();
        const again = derivePrivateKey("RSA", 2048, "P256", stream("memo-a"));
        expect(again).to.equal(first); // the remembered object itself
        expect(Number(process.hrtime.bigint() - started) / 1e6).to.be.lessThan(20);
        expect(pem(derivePrivateKey("RSA", 2048, "P256", stream("memo-b")))).not.to.equal(pem(first));
    });

    it("derives afresh from a stream already read from (its next bytes are not fixed by its id alone)", () => {
        const touched = stream("memo-a");
        touched.bytes(1);
        const key = derivePrivateKey("RSA", 2048, "P256", touched);
        expect(pem(key)).not.to.equal(pem(derivePrivateKey("RSA", 2048, "P256", stream("memo-a"))));
        expect(key.asymmetricKeyDetails?.modulusLength).to.equal(2048);
    });

    it("keeps algorithms and sizes apart under one stream id", () => {
        const rsa = derivePrivateKey("RSA", 2048, "P256", stream("memo-c"));
        const ec = derivePrivateKey("ECDSA", 2048, "P256", stream("memo-c"));
        expect(rsa.asymmetricKeyType).to.equal("rsa");
        expect(ec.asymmetricKeyType).to.equal("ec");
    });
});
