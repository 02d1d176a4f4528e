// Writes provider/schema.json, the schema the plugin serves (`npm run provider:schema`): Pulumi's component analyzer over
// the hosted components, secrets marked. test/library/multi-language.test.ts fails while the file differs from a fresh one.
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import { MulticlusterProvider } from "../components/provider/provider";

/** Where the plugin reads its schema. */
export const SCHEMA_FILE = path.resolve(__dirname, "..", "provider", "schema.json");

/** The schema as the file holds it: the analyzer's JSON, formatted by Prettier with this repository's settings. */
export async function formattedSchema(schema: string): Promise<string> {
    const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
    return prettier.format(schema, { ...options, parser: "json" });
}

async function main(): Promise<void> {
    const schema = await new MulticlusterProvider().getSchema();
    fs.writeFileSync(SCHEMA_FILE, await formattedSchema(schema));
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error((error as Error).message);
        process.exitCode = 1;
    });
}
