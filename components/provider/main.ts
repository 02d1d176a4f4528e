// Plugin entry: `pulumi package add` launches provider/ (PulumiPlugin.yaml), whose package.json `main` is this file built,
// and the Node language host runs it with the engine's arguments; it serves the hosted components and exports nothing.
import * as path from "path";
import { main } from "@pulumi/pulumi/provider";
import { MulticlusterProvider, packageRoot } from "./provider";

const root = packageRoot(__dirname);
void main(new MulticlusterProvider({ dirname: root, schemaFile: path.join(root, "provider", "schema.json") }), process.argv.slice(2));
