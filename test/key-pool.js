// Test processes: RSA key pairs come from a pool of real keys kept on disk instead of a fresh prime search each time. The
// simulated @pulumi/tls makes up to a dozen RSA keys per stack render (2048- and one 4096-bit), over half of a render's time.
// Each process hands out a size's pooled keys in turn (64 per size, so the keys of one render are distinct), generating a
// missing one for real the first time and keeping it. Other key types, and calls asking for encoded output, are untouched.
// Loaded by .mocharc.json (mocha and its workers) and by `npm test` through NODE_OPTIONS (the CLI processes tests start).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Where the pooled keys are kept (`rm -rf node_modules/.cache/test-rsa-keys` starts a new pool). */
const POOL_DIR = path.join(__dirname, "..", "node_modules", ".cache", "test-rsa-keys");
/** Keys per modulus size: more than any test's render makes, so the keys of one render never repeat. */
const POOL_SIZE = 64;

const generate = crypto.generateKeyPairSync;
/** The next pool index per modulus size, in this process. */
const next = new Map();

/** The PEM of pooled key `index` of `bits`, generated and kept when absent. */
function pooledPem(bits, index) {
    const file = path.join(POOL_DIR, `rsa-${bits}-${index}.pem`);
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        const pem = generate("rsa", { modulusLength: bits }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        try {
            fs.mkdirSync(POOL_DIR, { recursive: true });
            fs.writeFileSync(`${file}.${process.pid}.tmp`, pem);
            fs.renameSync(`${file}.${process.pid}.tmp`, file);
        } catch {
            // A read-only or full disk: this key is used once and not kept.
        }
        return pem;
    }
}

if (!crypto.generateKeyPairSync.pooled) {
    const pooled = function generateKeyPairSync(type, options, ...rest) {
        const plain = type === "rsa" && rest.length === 0 && options && Object.keys(options).join() === "modulusLength";
        if (!plain) {
            return generate.call(this, type, options, ...rest);
        }
        const index = next.get(options.modulusLength) ?? 0;
        next.set(options.modulusLength, (index + 1) % POOL_SIZE);
        const privateKey = crypto.createPrivateKey(pooledPem(options.modulusLength, index));
        return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
    };
    pooled.pooled = true;
    crypto.generateKeyPairSync = pooled;
}
